import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { exportedExceptions, loadKibanaNdjson, readKibanaExport } from "./load-kibana-ndjson";
import { RuleLoadError } from "./rule-load-error";

const rule = {
  id: "8f4a1b2c-0000-0000-0000-000000000000",
  rule_id: "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d",
  name: "Potential Impersonation Attempt via Kubectl",
  description: "kubectl with impersonation flags",
  type: "eql",
  language: "eql",
  query: 'process where process.name == "kubectl"',
  severity: "low",
  risk_score: 21,
  index: ["logs-endpoint.events.process*"],
  interval: "5m",
  from: "now-9m",
  max_signals: 100,
  tags: ["OS: Linux"],
  threat: [{ framework: "MITRE ATT&CK", tactic: { id: "TA0005", name: "Defense Evasion", reference: "https://attack.mitre.org/tactics/TA0005/" }, technique: [{ id: "T1550", name: "Use Alternate Authentication Material", reference: "https://attack.mitre.org/techniques/T1550/", subtechnique: [{ id: "T1550.001", name: "Application Access Token", reference: "https://attack.mitre.org/techniques/T1550/001/" }] }] }],
  note: "## Triage and analysis",
  false_positives: [],
  references: [],
  version: 3,
};

describe("Kibana rule exports", () => {
  it("load rules and skip the export summary", () => {
    const text = `${JSON.stringify(rule)}\n${JSON.stringify({ exported_count: 1, exported_rules_count: 1, missing_rules: [] })}\n`;
    const [loaded, ...rest] = loadKibanaNdjson(text, "export.ndjson");
    expect(rest).toEqual([]);
    expect(loaded).toMatchObject({ id: rule.rule_id, severity: "low", riskScore: 21, maxSignals: 100, version: 3, language: "eql" });
    expect(loaded.threat[0].techniques[0].subtechniques[0].id).toBe("T1550.001");
  });

  it("name the line and the problem of a bad record", () => {
    const bad = JSON.stringify({ ...rule, severity: "urgent" });
    expect(() => loadKibanaNdjson(`${JSON.stringify(rule)}\n${bad}`, "export.ndjson")).toThrow(RuleLoadError);
    expect(() => loadKibanaNdjson(`${JSON.stringify(rule)}\n${bad}`, "export.ndjson")).toThrow(/^export\.ndjson:2: severity: /);
    expect(() => loadKibanaNdjson(`{oops`, "x.ndjson")).toThrow(/^x\.ndjson:1: invalid JSON/);
  });

  it("read a whole export: EQL rules loaded, every other line used or skipped with its reason, exception items converted", () => {
    const e = readKibanaExport(readFileSync("lib/rules/fixtures/kibana-export.ndjson", "utf8"), "export.ndjson");
    expect(e.rules.map((r) => r.id)).toEqual(["kibana-shell-from-ssh"]);
    expect(e.skipped).toEqual([
      { where: "export.ndjson:1", ruleId: "rule_1", reason: "rule 'rule 1' is a query rule in kuery: Vigil runs EQL rules" },
      { where: "export.ndjson:3", ruleId: "kibana-esql-failed-logins", reason: "rule 'Many failed logins (ES|QL)' is an esql rule in esql: Vigil runs EQL rules" },
      { where: "export.ndjson:4", reason: "an action connector: Vigil's ticketing connectors are set up in Settings" },
      { where: "export.ndjson:9", reason: "exception item 'A value list': entry on source.ip refers to a value list, which Vigil does not have" },
      { where: "export.ndjson:12", reason: "the export summary" },
    ]);
    const byItem = Object.fromEntries(e.exceptions.map((x) => [x.itemId, x.entries]));
    expect(byItem["fp-bastion"]).toEqual([
      { field: "host.name", operator: "is", values: ["bastion-1"], caseInsensitive: false },
      { field: "host.os.type", operator: "is_one_of", values: ["linux"], caseInsensitive: false },
    ]);
    expect(byItem["fp-ops"].map((x) => [x.field, x.operator, x.values])).toEqual([
      ["user.name", "is_one_of", ["ops", "deploy"]],
      ["host.name", "matches", ["build-*"]],
      ["process.parent.pid", "exists", []],
    ]);
    expect(byItem["fp-nested"].map((x) => x.field)).toEqual(["process.parent.name", "process.parent.executable"]);
    // Each item of a referenced list becomes an exception on the rule (the endpoint list's too).
    const items = exportedExceptions(e);
    expect(items.map((i) => [i.ruleId, i.comment])).toEqual([
      ["kibana-shell-from-ssh", "imported from Kibana: The bastion host"],
      ["kibana-shell-from-ssh", "imported from Kibana: Ops accounts on build hosts"],
      ["kibana-shell-from-ssh", "imported from Kibana: A nested entry"],
      ["kibana-shell-from-ssh", "imported from Kibana: two"],
    ]);
  });
});
