import { describe, expect, it } from "vitest";
import { formatCondition, runQuery } from "../eql";
import { kubectlImpersonationRule } from "./builtin-rules";
import { compileRule } from "./compile-rule";
import { parseGuide } from "./parse-guide";

const rule = kubectlImpersonationRule();

function kubectl(overrides: Record<string, unknown> = {}) {
  return {
    "@timestamp": "2026-11-28T10:00:00.000Z",
    event: { category: ["process"], type: ["start"], action: "exec" },
    host: { os: { type: "linux" }, name: "node-1" },
    user: { name: "alice" },
    process: {
      name: "kubectl",
      args: ["kubectl", "get", "secrets", "--as=system:admin"],
      parent: { name: "bash", executable: "/usr/bin/bash" },
    },
    ...overrides,
  };
}

describe("the built-in kubectl impersonation rule", () => {
  it("carries the seed document's metadata", () => {
    expect(rule).toMatchObject({
      id: "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d",
      name: "Potential Impersonation Attempt via Kubectl",
      severity: "low",
      riskScore: 21,
      interval: "5m",
      from: "now-9m",
      maxSignals: 100,
      version: 1,
      language: "eql",
      author: ["Elastic"],
      license: "Elastic License v2",
      references: [],
    });
    expect(rule.index).toEqual([
      "auditbeat-*",
      "endgame-*",
      "logs-auditd_manager.auditd-*",
      "logs-endpoint.events.process*",
      "logs-sentinel_one_cloud_funnel.*",
    ]);
    expect(rule.tags).toContain("Tactic: Defense Evasion");
    expect(rule.threat.map((t) => t.tactic.id)).toEqual(["TA0005", "TA0006"]);
    expect(rule.threat[0].techniques.map((t) => t.id)).toEqual(["T1550", "T1078"]);
    expect(rule.threat[0].techniques[0].subtechniques.map((s) => s.id)).toEqual(["T1550.001"]);
    expect(rule.threat[1].techniques.map((t) => t.id)).toEqual(["T1552", "T1528"]);
  });

  it("splits its guide into steps the alert view can use", () => {
    const guide = parseGuide(rule.note, rule.setup);
    expect(guide.disclaimer).toMatch(/generative AI/);
    expect(guide.overview).toMatch(/^Kubectl is a command-line tool/);
    expect(guide.investigationSteps).toHaveLength(5);
    expect(guide.investigationSteps[0]).toMatch(/^Review the process arguments/);
    expect(guide.falsePositiveAnalysis).toHaveLength(5);
    expect(guide.responseSteps).toHaveLength(7);
    expect(guide.responseSteps[0]).toMatch(/^Immediately isolate/);
    expect(guide.setupSteps[0]).toBe("This rule requires data coming in from Elastic Defend.");
  });

  it("fires on kubectl with --as from a shell and explains which flag matched", () => {
    const { query } = compileRule(rule);
    const [hit] = runQuery(query, [kubectl()]);
    expect(hit.kind).toBe("event");
    const lines = hit.kind === "event" ? hit.explanation.map(formatCondition) : [];
    expect(lines).toContain('process.args[3] "--as=system:admin" like~ "--as*"');
    expect(lines).toContain('process.parent.name "bash" in "bash"');
    expect(lines).toContain('process.name "kubectl" == "kubectl"');
    expect(lines).toContain('event.type[0] "start" == "start"');
  });

  it("fires for a script parent and a binary in /tmp, case-insensitively on the flag", () => {
    const { query } = compileRule(rule);
    const script = kubectl({ process: { name: "kubectl", args: ["kubectl", "--TOKEN=abc", "get", "pods"], parent: { name: "deploy.sh" } } });
    const tmp = kubectl({ process: { name: "kubectl", args: ["kubectl", "--kubeconfig", "/tmp/k"], parent: { name: "x", executable: "/tmp/x" } } });
    expect(runQuery(query, [script, tmp])).toHaveLength(2);
  });

  it("stays quiet for ordinary kubectl use, other parents, other OSes and missing fields", () => {
    const { query } = compileRule(rule);
    const events = [
      kubectl({ process: { name: "kubectl", args: ["kubectl", "get", "pods"], parent: { name: "bash" } } }),
      kubectl({ process: { name: "kubectl", args: ["kubectl", "--as=x"], parent: { name: "containerd", executable: "/usr/bin/containerd" } } }),
      kubectl({ host: { os: { type: "windows" } } }),
      kubectl({ process: { name: "kubectl", args: ["kubectl", "--as=x"] } }),
      { ...kubectl(), event: { category: ["process"], type: ["end"], action: "exec" } },
    ];
    expect(runQuery(query, events)).toEqual([]);
  });

  it("reads dotted keys and nested objects as the same fields", () => {
    const { query } = compileRule(rule);
    const flat = {
      "@timestamp": "2026-11-28T10:00:00Z",
      "event.category": "process",
      "event.type": "start",
      "event.action": "exec",
      "host.os.type": "linux",
      "process.name": "kubectl",
      "process.args": ["kubectl", "--as-group=system:masters"],
      process: { "parent.name": "zsh" },
    };
    expect(runQuery(query, [flat])).toHaveLength(1);
  });
});
