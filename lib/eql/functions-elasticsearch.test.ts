/**
 * Function values as Elasticsearch computes them, from its processors (x-pack/plugin/eql/src/main/
 * java/org/elasticsearch/xpack/eql/expression/function/scalar/): math/ToNumberFunctionProcessor.java
 * at commit 511e02f5b8e765cbc501164d186a9d7a0b266225, string/ConcatFunctionProcessor.java at
 * 408976b2c588742fd7d519c54d2c53de96e144ed (Java's toString of each value),
 * string/StringUtils.java at 6b3ab5742118b70f4469634fda43da7605260f16 (between, stringContains),
 * string/CIDRMatchFunctionProcessor.java at 00203b9af13ca7b1798b10eac5159301e7312a08.
 */
import { describe, expect, it } from "vitest";
import { compileCondition, compileExpr } from "./compile-expr";
import { parseExpression } from "./parser";

const value = (src: string, e: Record<string, unknown> = {}) => compileExpr(parseExpression(src), { source: src }).ev(e);
const holds = (src: string, e: Record<string, unknown> = {}) => compileCondition(parseExpression(src), { source: src }).isTrue(e);

describe("function values as Elasticsearch's processors compute them", () => {
  it("number(): a 0x prefix means hexadecimal when no base is given", () => {
    expect(holds('number("0x1337") == 4919')).toBe(true);
    expect(value('number("0x1337")')).toBe(4919);
    expect(value('number("0x1337", 16)')).toBe(4919);
    expect(value('number("1337", 16)')).toBe(4919);
    expect(value('number("0x1337", 10)')).toBeNull();
    expect(value('number("42")')).toBe(42);
    expect(value('number("-3.5")')).toBe(-3.5);
  });

  it("concat() and string() print a double as Java does", () => {
    expect(value('concat("a", 1.0, "b")')).toBe("a1.0b");
    expect(value('concat(1.5, "|", 2, "|", 10000000.0, "|", 0.0001)')).toBe("1.5|2|1.0E7|1.0E-4");
    expect(value("string(2.0)")).toBe("2.0");
    expect(value("string(7)")).toBe("7");
    expect(value('concat("x", null)')).toBeNull();
  });

  it("cidrMatch() with a null address, and `:` with a null pattern, are null", () => {
    expect(value('cidrMatch("10.0.0.1", null)')).toBeNull();
    expect(value('cidrMatch("10.0.0.1", "10.0.0.0/8", null)')).toBeNull();
    expect(value('"a" : null')).toBeNull();
    expect(holds('"a" : null')).toBe(false);
    // Over constants the logic is folded first, three-valued (test_folding.toml: `not null` is null): no match.
    expect(holds('not "a" : null')).toBe(false);
  });

  it("stringContains() is false when either string is empty; between() returns the string when it or a bound is empty", () => {
    expect(value('stringContains("", "")')).toBe(false);
    expect(value('stringContains("abc", "")')).toBe(false);
    expect(value('stringContains("abc", "b")')).toBe(true);
    expect(value('between("abc", "", "", false)')).toBe("abc");
    expect(value('between("abc", "a", "", false)')).toBe("abc");
    expect(value('between("", "a", "c", false)')).toBe("");
    expect(value('between("xaybz", "a", "b", false)')).toBe("y");
  });
});
