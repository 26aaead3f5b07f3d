import { describe, expect, it } from "vitest";
import { ExceptionSet, ZExceptionItem } from "./index";

const event = {
  "@timestamp": "2026-11-28T10:00:00Z",
  user: { name: "Deploy" },
  host: { name: "ci-runner-1", id: "h-1" },
  process: { name: "kubectl", args: ["kubectl", "--kubeconfig=/etc/ci/kubeconfig", "apply"], parent: { name: "gitlab-runner", executable: "/usr/bin/gitlab-runner" } },
};

const item = (entries: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  ZExceptionItem.parse({ id: "x", ruleId: null, comment: "CI deploys", entries, ...extra });
const holds = (entries: Record<string, unknown>[]) => new ExceptionSet([item(entries)]).match("r1", event) !== null;

describe("exception entries", () => {
  it.each([
    [{ field: "user.name", operator: "is", values: ["Deploy"] }, true],
    [{ field: "user.name", operator: "is", values: ["deploy"] }, false],
    [{ field: "user.name", operator: "is", values: ["deploy"], caseInsensitive: true }, true],
    [{ field: "user.name", operator: "is_not", values: ["alice"] }, true],
    [{ field: "user.name", operator: "is_not", values: ["Deploy"] }, false],
    [{ field: "host.name", operator: "is_one_of", values: ["ci-runner-1", "ci-runner-2"] }, true],
    [{ field: "host.name", operator: "is_not_one_of", values: ["ci-runner-1", "ci-runner-2"] }, false],
    [{ field: "host.name", operator: "is_not_one_of", values: ["web-1"] }, true],
    [{ field: "process.parent.executable", operator: "exists" }, true],
    [{ field: "process.parent.pid", operator: "exists" }, false],
    [{ field: "process.parent.pid", operator: "does_not_exist" }, true],
    [{ field: "process.parent.executable", operator: "matches", values: ["/usr/bin/*-runner"] }, true],
    [{ field: "process.parent.executable", operator: "matches", values: ["/USR/BIN/*"] }, false],
    [{ field: "process.parent.executable", operator: "matches", values: ["/USR/BIN/*"], caseInsensitive: true }, true],
    [{ field: "process.parent.executable", operator: "does_not_match", values: ["/tmp/*"] }, true],
    // Arrays: any element.
    [{ field: "process.args", operator: "matches", values: ["--kubeconfig=/etc/ci/*"] }, true],
    [{ field: "process.args", operator: "is", values: ["apply"] }, true],
    [{ field: "process.args", operator: "is_not", values: ["apply"] }, false],
    // Missing fields: positive entries do not hold, negations do (as in Elastic).
    [{ field: "user.domain", operator: "is", values: ["corp"] }, false],
    [{ field: "user.domain", operator: "is_not", values: ["corp"] }, true],
    [{ field: "user.domain", operator: "does_not_match", values: ["c*"] }, true],
    // A field name that is not an identifier is still just a name.
    [{ field: "process.where", operator: "exists" }, false],
  ])("%j → %s", (entry, expected) => {
    expect(holds([entry])).toBe(expected);
  });

  it("AND the entries of an item and OR the items", () => {
    expect(holds([{ field: "user.name", operator: "is", values: ["Deploy"] }, { field: "host.name", operator: "is", values: ["web-1"] }])).toBe(false);
    const set = new ExceptionSet([
      item([{ field: "host.name", operator: "is", values: ["web-1"] }], { id: "a" }),
      item([{ field: "user.name", operator: "is", values: ["Deploy"] }, { field: "host.id", operator: "is", values: ["h-1"] }], { id: "b" }),
    ]);
    expect(set.match("r1", event)?.id).toBe("b");
  });

  it("apply to their rule or to all rules, only while enabled and not expired", () => {
    const entries = [{ field: "user.name", operator: "is", values: ["Deploy"] }];
    expect(new ExceptionSet([item(entries, { ruleId: "r1" })]).match("r1", event)).not.toBeNull();
    expect(new ExceptionSet([item(entries, { ruleId: "r2" })]).match("r1", event)).toBeNull();
    expect(new ExceptionSet([item(entries, { enabled: false })]).match("r1", event)).toBeNull();
    let now = new Date("2026-11-28T11:00:00Z");
    const set = new ExceptionSet([item(entries, { expiresAt: "2026-11-28T12:00:00Z" })], () => now);
    expect(set.match("r1", event)).not.toBeNull();
    now = new Date("2026-11-28T12:00:00Z");
    expect(set.match("r1", event)).toBeNull();
  });

  it("refuse malformed items with a message naming the problem", () => {
    const bad = (v: unknown) => ZExceptionItem.safeParse(v).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(bad({ id: "x", ruleId: null, comment: "", entries: [{ field: "user.name", operator: "is", values: ["a"] }] })).toEqual(["comment: comment is required"]);
    expect(bad({ id: "x", ruleId: null, comment: "c", entries: [{ field: "user.name", operator: "is", values: [] }] })).toEqual(["entries.0.values: is takes exactly one value"]);
    expect(bad({ id: "x", ruleId: null, comment: "c", entries: [{ field: "a b", operator: "exists" }] })).toEqual(["entries.0.field: field: a dotted field name such as user.name"]);
    expect(bad({ id: "x", ruleId: null, comment: "c", entries: [] })).toEqual(["entries: an exception needs at least one entry"]);
  });
});
