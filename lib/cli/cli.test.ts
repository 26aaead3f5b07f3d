import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve("bin/vigil.mjs");
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8" });
const dir = mkdtempSync(path.join(tmpdir(), "vigil-cli-"));

const shell = { "@timestamp": "2026-11-28T10:00:00Z", event: { category: ["process"], type: ["start"], action: "exec" }, host: { os: { type: "linux" }, name: "n1" }, process: { name: "bash", pid: 10, parent: { name: "sshd" } } };
const kubectl = {
  "@timestamp": "2026-11-28T10:00:01Z",
  event: { category: ["process"], type: ["start"], action: "exec" },
  host: { os: { type: "linux" }, name: "n1" },
  user: { name: "mallory" },
  process: { name: "kubectl", pid: 11, args: ["kubectl", "--token=abc", "get", "secrets"], parent: { name: "bash", pid: 10 } },
};

describe("vigil eql", () => {
  it("prints matching events as JSON lines from NDJSON on stdin", () => {
    const r = run(["eql", 'process where process.name == "kubectl"'], [shell, kubectl].map((e) => JSON.stringify(e)).join("\n"));
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual([kubectl]);
  });

  it("prints sequences with join keys, null for a missing event, from a JSON array file", () => {
    const file = path.join(dir, "events.json");
    writeFileSync(file, JSON.stringify([shell, kubectl]));
    const r = run(["eql", 'sequence by host.name with maxspan=1m [process where process.name == "bash"] [process where process.name == "kubectl"] ![process where process.name == "rm"]', "--data", file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ join_keys: ["n1"], events: [shell, kubectl, null] });
  });

  it("refuses with --strict what it otherwise runs, with line:col and a caret", () => {
    const query = "process where ?process.name == ?process.parent.name";
    expect(run(["eql", query], JSON.stringify(kubectl)).status).toBe(0);
    const strict = run(["eql", query, "--strict"], JSON.stringify(kubectl));
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/^1:15 comparing two fields is not supported: \[\?process\.name == \?process\.parent\.name\]\n.*\n {14}\^/);
  });

  it("refuses, as Elasticsearch answers 400, events with several timestamps or tiebreakers", () => {
    const twice = { ...kubectl, "@timestamp": ["2026-11-28T10:00:01Z", "2026-11-28T10:00:02Z"] };
    const r = run(["eql", "process where true"], [shell, twice].map((e) => JSON.stringify(e)).join("\n"));
    expect([r.status, r.stdout, r.stderr.trim()]).toEqual([2, "", "event 2: Expected timestamp field [@timestamp] to be mapped as [date] or [date_nanos] and to hold a single value but got [[2026-11-28T10:00:01Z, 2026-11-28T10:00:02Z]]"]);
    const tied = { ...shell, event: { ...shell.event, sequence: [1, 2, 3] } };
    const t = run(["eql", "process where true", "--tiebreaker-field", "event.sequence"], JSON.stringify(tied));
    expect([t.status, t.stderr.trim()]).toEqual([2, "event 1: Expected tiebreaker field [event.sequence] to hold a single comparable value but got [[1, 2, 3]]"]);
  });

  it("exits 0 with no output when nothing matches", () => {
    const r = run(["eql", "process where false"], JSON.stringify(shell));
    expect([r.status, r.stdout]).toEqual([0, ""]);
  });

  it("honours the category and timestamp field settings", () => {
    const events = [{ ts: 2, kind: "b", id: 2 }, { ts: 1, kind: "a", id: 1 }].map((e) => JSON.stringify(e)).join("\n");
    const r = run(["eql", "sequence [a where true] [b where true]", "--category-field", "kind", "--timestamp-field", "ts"], events);
    expect(JSON.parse(r.stdout).events.map((e: { id: number }) => e.id)).toEqual([1, 2]);
  });

  it("exits 2 with line:col and a caret for a bad query", () => {
    const r = run(["eql", "process where\n  a =="], "");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^2:7 unexpected end of query\n {2}a ==\n {6}\^/);
  });

  it("exits 2 naming the line of bad NDJSON", () => {
    const r = run(["eql", "any where true"], `${JSON.stringify(shell)}\n{oops\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:2: invalid JSON/);
  });
});

describe("vigil detect", () => {
  it("runs the built-in rule and prints the alert with its explanation", () => {
    const r = run(["detect"], [shell, kubectl].map((e) => JSON.stringify(e)).join("\n"));
    expect(r.status).toBe(0);
    const alerts = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].rule).toEqual({ id: "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d", name: "Potential Impersonation Attempt via Kubectl", severity: "low", risk_score: 21 });
    expect(alerts[0].events).toEqual([kubectl]);
    expect(alerts[0].explanation[0].map((c: { summary: string }) => c.summary)).toContain('process.args[1] "--token=abc" like~ "--token*"');
  });

  it("loads extra rules from folders, reports a broken file with its path and exits 2", () => {
    const rules = mkdtempSync(path.join(tmpdir(), "vigil-rules-"));
    writeFileSync(
      path.join(rules, "bash.toml"),
      `[rule]\nrule_id = "r1"\nname = "Bash from sshd"\nseverity = "medium"\nrisk_score = 47\nlanguage = "eql"\nquery = 'process where process.name == "bash" and process.parent.name == "sshd"'\n`,
    );
    writeFileSync(path.join(rules, "broken.toml"), `[rule]\nrule_id = "r2"\nname = "x"\nseverity = "bad"\n`);
    const r = run(["detect", "--rules", rules], [shell, kubectl].map((e) => JSON.stringify(e)).join("\n"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path.join(rules, "broken.toml")}: `);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l).rule.id).sort()).toEqual(["3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d", "r1"]);
  });

  it("runs a Kibana export: its EQL rule with its exception lists applied, the other lines reported as skipped, exit 0", () => {
    const fromSsh = (host: string, user: string) => ({ ...shell, host: { os: { type: "linux" }, name: host }, user: { name: user }, process: { ...shell.process, parent: { name: "sshd", pid: 9 } } });
    const events = [fromSsh("n1", "alice"), fromSsh("bastion-1", "alice"), fromSsh("build-7", "deploy"), fromSsh("n2", "deploy")];
    const r = run(["detect", "--rules", "lib/rules/fixtures/kibana-export.ndjson"], events.map((e) => JSON.stringify(e)).join("\n"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain("kibana-export.ndjson:1: skipped: rule 'rule 1' is a query rule in kuery");
    expect(r.stderr).toContain("kibana-export.ndjson:12: skipped: the export summary");
    const hosts = r.stdout.trim().split("\n").map((l) => JSON.parse(l)).filter((a) => a.rule.id === "kibana-shell-from-ssh").map((a) => a.events[0].host.name);
    // bastion-1 (match + os_types) and build-7 by deploy (match_any + wildcard + exists) are excepted.
    expect(hosts).toEqual(["n1", "n2"]);
  });
});
