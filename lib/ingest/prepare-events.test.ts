import { describe, expect, it } from "vitest";
import { Detector } from "../detect";
import { compileRule, loadTomlRule } from "../rules";
import { prepareForDetection } from "./prepare-events";

const ruleOf = (query: string) =>
  compileRule(loadTomlRule(["[rule]", 'rule_id = "r"', 'name = "r"', 'severity = "low"', "risk_score = 1", 'language = "eql"', `query = ${JSON.stringify(query)}`].join("\n")));

/** An auditd-style process start: a parent pid on a host, no parent name or executable. */
const auditd = (name: string) => ({
  "@timestamp": "2026-11-28T10:00:00Z",
  event: { category: ["process"], type: ["start"], action: "executed" },
  host: { name: "node-1" },
  process: { pid: 20, name, args: [name], parent: { pid: 10 } },
});

describe("prepareForDetection", () => {
  it("keeps the event for detection only when a rule may match it", () => {
    const detector = new Detector([ruleOf('process where process.name == "kubectl"')]);
    const kept = prepareForDetection({ index: 0, doc: auditd("kubectl") }, detector);
    const dropped = prepareForDetection({ index: 1, doc: auditd("ls") }, detector);
    expect(kept).toMatchObject({ ok: true, value: { event: { process: { name: "kubectl" } } } });
    // Dropped for detection, still stored: the row is complete.
    expect(dropped).toMatchObject({ ok: true, value: { event: null, row: { processName: "ls", processPpid: 10, hostName: "node-1" } } });
  });

  it("keeps an event whose parent fields reconstruction may still fill when a rule is keyed on them", () => {
    const detector = new Detector([ruleOf('process where process.parent.name == "bash"')]);
    expect(prepareForDetection({ index: 0, doc: auditd("ls") }, detector)).toMatchObject({ ok: true, value: { event: { process: { name: "ls" } } } });
    // With the parent named already, nothing is left to fill: the key decides.
    const named = { ...auditd("ls"), process: { pid: 20, name: "ls", parent: { pid: 10, name: "sshd" } } };
    expect(prepareForDetection({ index: 0, doc: named }, detector)).toMatchObject({ ok: true, value: { event: null } });
  });

  it("reports a refused document as before", () => {
    const detector = new Detector([]);
    expect(prepareForDetection({ index: 3, doc: { "@timestamp": "never" } }, detector)).toMatchObject({ ok: false, index: 3, reason: expect.stringMatching(/@timestamp/) });
  });
});
