/**
 * Elasticsearch's constant-folding tests, replayed: the `fold.tests` of
 * x-pack/plugin/eql/src/test/resources/test_folding.toml (commit d089c690) and
 * test_string_functions.toml (commit 44c7a059), less those its test_unsupported.toml (commit
 * 1d3ac7be) excludes — the set its TomlFoldTests.java runs — each distinct case once. Each
 * expression must evaluate to the expected value; a test without `expected` expects null.
 * (`2.33333333333333333` in the file is the double nearest 7/3, written here as `7 / 3`.)
 *
 * Seven `between` expectations differ from Elasticsearch's own code (BETWEEN_AS_THE_CODE_HAS_IT
 * below). Left out: the three `in_set` cases written with single quotes, which Elasticsearch's
 * parser refuses (and so does Vigil's).
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { compileExpr } from "./compile-expr";
import { parseExpression } from "./parser";

const value = (src: string) => compileExpr(parseExpression(src), { source: src }).ev({});

/**
 * Seven `between` cases where the file, inherited from the Python library, expects null or a cut
 * that Elasticsearch's own code does not give: its StringUtils.between returns "" when a bound is
 * not found and the whole string when a bound is empty, and its function reference documents ""
 * (`between(file.path, "workspace\\\\", ".exe") // returns ""`). Vigil follows the code; each
 * case is asserted with the code's value.
 */
const BETWEEN_AS_THE_CODE_HAS_IT: [string, unknown, unknown][] = [
  ['between("welcome to the planet", "welcome", "village")', null, ""],
  ['between("welcome to the planet", "goodbye", "planet")', null, ""],
  ['between("welcome to the planet", "welcome", "x", false)', null, ""],
  ['between("welcome to the planet", "welcome", "x", true)', null, ""],
  ['between("welcome to the planet", "", "x", true)', null, "welcome to the planet"],
  ['between("welcome to the planet", "", "", false)', "", "welcome to the planet"],
  ['between("welcome to the planet", "", "planet", false)', "welcome to the ", "welcome to the planet"],
];

/** [expression, expected]; null where the file has no `expected`. */
const FOLDING: [string, unknown][] = [
  // [arithmetic]
  ["7 + 3", 10], ["7 + -3", 4], ["7 - 3", 4], ["7 - -3", 10], ["7 * 3", 21], ["7 * 3.0", 21.0], ["-7 * 3.0", -21.0], ["7 * -3.0", -21.0],
  ["7.0 * 3", 21.0], ["7.0 * 3.0", 21.0], ["7 / 3", 2], ["7 / 3.0", 7 / 3], ["7.0 / 3.0", 7 / 3], ["7 % 3", 1],
  ["3 + 4 - 5 * 6 / 7", 3], ["((3 + 4) - 5) * 6 / 7", 1],
  // [integer_comparison], [float_comparison], [int_float_comparison], [float_int_comparison]
  ["-3 < 4", true], ["3 <= 4", true], ["3 != 4", true], ["3 == 4", false], ["3 >= 4", false], ["3 > 4", false],
  ["3.0 < 4.0", true], ["3.0 <= 4.0", true], ["-3.0 != 4.0", true], ["-3.0 == 4.0", false], ["3.0 >= 4.0", false], ["3.0 > 4.0", false],
  ["-3 < 4.0", true], ["-3 <= 4.0", true], ["3 != 4.0", true], ["3 == 4.0", false], ["3 >= 4.0", false], ["3 > 4.0", false],
  ["3.0 < 4", true], ["3.0 <= 4", true], ["3.0 != 4", true], ["3.0 == 4", false], ["-3.0 >= 4", false], ["-3.0 > 4", false],
  // [string_case_match_comparison], [string_case_sensitive_match_comparison]
  ['"Foo" == "Foo"', true], ['"Foo" != "Foo"', false], ['"Foo" == "Bar"', false], ['"Foo" != "Bar"', true], ['"Foo" <= "Bar"', false], ['"Foo" > "Bar"', true],
  ['"Foo" == "foo"', false], ['"Foo" != "foo"', true], ['"Foo" < "foo"', true], ['"Foo" <= "foo"', true], ['"Foo" >= "foo"', false], ['"Foo" > "foo"', false],
  ['"foo" < "Foo"', false], ['"foo" <= "Foo"', false], ['"foo" >= "Foo"', true], ['"foo" > "Foo"', true],
  // [arithmetic_comparison]
  ["(1 * 2 + 3 * 4 + 10 / 2) == 19", true], ["(1 * 2 + 3 * 4 + 10 / 2) == (2 + 12 + 5)", true], ["1 * 2 + 3 * 4 + 10 / 2 == 2 + 12 + 5", true],
  // [in_set], the double-quoted ones
  ["345 in (123, 345)", true], ["345 not in (123, 456)", true], ["345 in (123, 456)", false],
  // [or], [and], [not]: three-valued over constants
  ["true or false", true], ["true or null", true], ["true or true", true], ["false or null", null], ["false or false", false], ["false or true", true],
  ["null or false", null], ["null or null", null], ["null or true", true],
  ["true and false", false], ["true and true", true], ["false and null", false], ["false and false", false], ["false and true", false],
  ["null and false", false], ["null and null", null], ["null and true", null],
  ["not null", null], ["not true", false], ["not false", true],
];

const STRING_FUNCTIONS: [string, unknown][] = [
  // [between]
  ['between("welcome to the planet", null, "planet")', null], ['between("welcome to the planet", "welcome", null)', null], ['between(null, "welcome", "planet")', null],
  ['between("welcome to the planet", "welcome", "planet")', " to the "], 
['between("welcome to the planet", "welcome", "e", false)', " to th"],
  ['between("welcome to the planet", "welcome", "e", true)', " to the plan"], 
  ['between("welcome to the planet", "", "", true)', "welcome to the planet"],
  // [concat]
  ["concat(null)", null], ["concat(null, null, null)", null], ['concat("a")', "a"], ['concat("a", "||", 1, "||", "b")', "a||1||b"],
  ['concat("a", "||", null, "||", "b")', null], ['concat("a", "||", 1, "||", true, "||", "b")', "a||1||true||b"],
  // [endswith], [endswith_insensitive], [endswith_sensitive]
  ['endsWith("FooBarBaz", "Baz")', true], ['endsWith("FooBarBaz", "Foo")', false], ['endsWith("FooBarBaz", "baz")', false], ['endsWith~("FooBarBaz", "baz")', true],
  // [indexof]
  ['indexOf(null, "L")', null], ['indexOf("foobarbaz", "L")', null], ['indexOf("foobarbaz", null)', null], ["indexOf(null, null)", null],
  ['indexOf("foobarbaz", "o")', 1], ['indexOf("foobarbaz", "o", null)', 1], ['indexOf("foobarbaz", "o", 0)', 1], ['indexOf("foobarbaz", "o", 1)', 1],
  ['indexOf("foobarbaz", "o", 2)', 2], ['indexOf("foobarbaz", "r")', 5], ['indexOf("foobarbaz", "r", 2)', 5],
  // [length]
  ["length(null)", null], ['length("")', 0], ['length("foo")', 3],
  // [number]
  ['number("314")', 314], ['number("3.14")', 3.14], ['number("-3.14", 10)', -3.14], ['number("-314", 10)', -314], ['number("+314", 10)', 314],
  ['number("-3.14")', -3.14], ['number("0x1337")', 4919], ['number("0x1337", 16)', 4919], ['number("52403")', 52403], ['number("052403", 8)', 21763],
  ['number("52403", 7)', 12890],
  // [startswith], [startswith_case_insensitive]
  ['startsWith("FooBarBaz", null)', null], ['startsWith(null, "Foo")', null], ['startsWith("FooBarBaz", "Foo")', true], ['startsWith("FooBarBaz", "")', true],
  ['startsWith("FooBarBaz", "FooBar")', true], ['startsWith("FooBarBaz", "Bar")', false],
  ['startsWith~("FooBar", "Foo")', true], ['startsWith~("FooBar", "FOO")', true], ['startsWith~("FooBar", "foo")', true], ['startsWith~("FooBar", "Bar")', false],
  // [string]
  ["string(null)", null], ["string(1)", "1"], ["string(true)", "true"], ["string(2.1828)", "2.1828"], ['string("hello")', "hello"],
  // [substring]
  ["substring(null, 5)", null], ["substring(null, null)", null], ['substring("hello world", null, null)', "hello world"], ['substring("hello world", 6, null)', "world"],
  ['substring("hello world", null, 5)', "hello"], ['substring("hello world", 0, 5)', "hello"], ['substring("hello world", 0, 500)', "hello world"],
  ['substring("hello world", 5, -1)', " worl"], ['substring("hello world", 3, 9)', "lo wor"], ['substring("hello world", -5, null)', "world"],
  ['substring("hello world", -5, 11)', "world"], ['substring("hello world", -5, 100)', "world"], ['substring("hello world", -60, 5)', "hello"],
  ['substring("hello world", -5)', "world"], ['substring("hello world", -5, -1)', "worl"],
];

describe("Elasticsearch's fold tests, replayed", () => {
  it.each(FOLDING)("test_folding.toml: %s", (expression, expected) => {
    expect(value(expression)).toStrictEqual(expected);
  });

  it.each(STRING_FUNCTIONS)("test_string_functions.toml: %s", (expression, expected) => {
    expect(value(expression)).toStrictEqual(expected);
  });

  it.each(BETWEEN_AS_THE_CODE_HAS_IT)("test_string_functions.toml, as StringUtils.between computes it: %s (file: %j)", (expression, _file, code) => {
    expect(value(expression)).toStrictEqual(code);
  });

  it("folds logic over constants before selecting: a condition that folds to null matches nothing", () => {
    const event = { event: { category: "process" } };
    for (const [q, hit] of [["process where not null", false], ["process where not (false or null)", false], ["process where null or true", true], ["process where not (null and false)", true]] as const) {
      const c = compileQuery(q);
      if (c.kind !== "event") throw new Error("event query");
      expect(c.filter.matches(event), q).toBe(hit);
    }
  });

  it("refuses single-quoted strings, as Elasticsearch's parser does (the in_set cases left out)", () => {
    expect(() => value("'foo' in ('foo', 'bar', 'baz')")).toThrow(/quote/i);
  });
});
