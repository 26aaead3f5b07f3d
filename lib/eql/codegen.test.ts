import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";

const query = (q: string) => {
  const c = compileQuery(q);
  if (c.kind !== "event") throw new Error("event query expected");
  return c.filter;
};

describe("generated predicates", () => {
  it("test the event category first until another condition proves more selective, and never match another category", () => {
    const filter = query('process where process.name == "kubectl" and process.args : "--as*"');
    let reads = 0;
    const event = (category: string, name: string) => ({
      event: { category },
      process: {
        get name() {
          reads++;
          return name;
        },
        args: ["kubectl", "--as=system:admin"],
      },
    });
    // At first the category decides: other categories are turned away before the name is read.
    for (let i = 0; i < 1_000; i++) expect(filter.matches(event("network", "kubectl"))).toBe(false);
    expect(reads).toBe(0);
    // Once the name has rejected far more events than the category, it is tested first…
    for (let i = 0; i < 20_000; i++) filter.matches(event("process", "bash"));
    reads = 0;
    // …and the category still decides for events that pass it.
    for (let i = 0; i < 1_000; i++) expect(filter.matches(event("network", "kubectl"))).toBe(false);
    expect(reads).toBe(1_000);
    expect(filter.matches({ event: { category: ["process"] }, process: { name: "kubectl", args: ["--AS=x"] } })).toBe(true);
  });

  it("move the operand that rejects most events to the front", () => {
    const filter = query('process where process.args : "--as*" and process.name == "kubectl"');
    let argsReads = 0;
    const event = {
      event: { category: "process" },
      process: {
        name: "bash",
        get args() {
          argsReads++;
          return ["kubectl", "--as=system:admin"];
        },
      },
    };
    for (let i = 0; i < 20_000; i++) filter.matches(event);
    argsReads = 0;
    for (let i = 0; i < 1_000; i++) filter.matches(event);
    // The args passed every time and the name rejected: the name test now runs first, the args are no longer read.
    expect(argsReads).toBe(0);
  });

  it("keep literals as data: a pattern cannot inject code", () => {
    const filter = query('process where process.name : ("\\"); throw new Error(1); (\\"*", "a`${x}`*")');
    expect(filter.matches({ event: { category: "process" }, process: { name: '"); throw new Error(1); ("anything' } })).toBe(true);
    expect(filter.matches({ event: { category: "process" }, process: { name: "a`${x}`b" } })).toBe(true);
    expect(filter.matches({ event: { category: "process" }, process: { name: "b" } })).toBe(false);
  });
});
