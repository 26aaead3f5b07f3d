import { describe, expect, it } from "vitest";
import { loadKibanaNdjson } from "./load-kibana-ndjson";
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
    expect(() => loadKibanaNdjson(JSON.stringify({ ...rule, language: "kuery" }), "k.ndjson")).toThrow(/only EQL rules are supported/);
  });
});
