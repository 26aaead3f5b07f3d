import { describe, expect, it } from "vitest";
import { jsonErrorPosition } from "./json-error-position";
import { jsonShape } from "./json-shape";

describe("the shape of a JSON text", () => {
  it("counts top-level array elements, whatever they hold, and not inside strings", () => {
    expect(jsonShape("[]", 10, 10).elements).toBe(0);
    expect(jsonShape("[{}]", 10, 10).elements).toBe(1);
    expect(jsonShape(' [ 1 , "a,b" , {"x":[1,2,3]}, [4,5], null ] ', 10, 10).elements).toBe(5);
    expect(jsonShape('{"a":[1,2,3]}', 10, 10).elements).toBe(1);
    expect(jsonShape('"[1,2]"', 10, 10).elements).toBe(1);
    expect(jsonShape('["\\"],[" , 2]', 10, 10).elements).toBe(2);
  });

  it("stops counting past the limits", () => {
    expect(jsonShape(`[${"{},".repeat(3_000_000)}{}]`, 10_000, 64).elements).toBe(10_001);
    expect(jsonShape("[".repeat(5_000_000), 10, 64).depth).toBe(65);
    expect(jsonShape('[[["x"]], {"a": {"b": 1}}]', 10, 64).depth).toBe(3);
    expect(jsonShape('[{"a":1,"b":{"c":2}}, {"d":"x:y"}]', 10, 64).widest).toBe(3);
    expect(jsonShape(`{${Array.from({ length: 400_000 }, (_, i) => `"k${i}":1`).join(",")}}`, 10, 64, 5000).widest).toBe(5001);
  });

  it("lets the error position describe a text too deep to scan instead of overflowing the stack", () => {
    expect(jsonErrorPosition("[".repeat(1_000_000), "fallback")).toBe("nesting deeper than 1000 levels");
    expect(jsonErrorPosition('{"a":}', "fallback")).toBe("value expected at line 1, column 6 (offset 5)");
  });
});
