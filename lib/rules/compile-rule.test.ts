import { describe, expect, it } from "vitest";
import { compileRule } from "./compile-rule";
import { kubectlImpersonationRule } from "./builtin-rules";

const withQuery = (query: string) => compileRule({ ...kubectlImpersonationRule(), query });

describe("rules compile against the ECS field types", () => {
  it("compare ECS dates as instants", () => {
    const { query } = withQuery('process where @timestamp >= "2026-12-08T10:00:00+01:00" and process.name == "kubectl"');
    if (query.kind !== "event") throw new Error("event query");
    const at = (t: unknown) => query.filter.matches({ "@timestamp": t, event: { category: ["process"] }, process: { name: "kubectl" } });
    expect([at("2026-12-08T09:00:00Z"), at(Date.UTC(2026, 11, 8, 9, 0, 0)), at("2026-12-08T08:59:59Z")]).toEqual([true, true, false]);
  });

  it("refuse, with line:col, what Elasticsearch's verifier refuses on an ECS index", () => {
    expect(() => withQuery('process where process.pid in (1, "x")')).toThrow(/^1:34 2nd argument of \[process\.pid in \(1, "x"\)\] must be \[long\], found value \["x"\] of type string/);
    // A comparison's literal of another type passes the verifier, as in Elasticsearch; strict refuses one the field cannot read.
    expect(() => withQuery('process where process.pid == "1" and process.name == "kubectl"')).not.toThrow();
    expect(() => compileRule({ ...kubectlImpersonationRule(), query: 'process where process.pid == "one"' }, { strict: true })).toThrow(/cannot be read as a \[long\] value/);
    expect(() => withQuery('process where process.name : 1')).toThrow(/':' compares strings/);
  });

  it("leave fields outside ECS to the events (Elasticsearch maps them dynamically)", () => {
    expect(() => withQuery('process where my_integration.field == "x" and process.name == "kubectl"')).not.toThrow();
  });
});
