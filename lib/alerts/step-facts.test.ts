/** Guide facts from data: topics matched by a step's text, the query's fields first, explicit facts, reconstructed parents. */
import { describe, expect, it } from "vitest";
import { parse } from "../eql/parser";
import { kubectlImpersonationRule, parseGuide } from "../rules";
import { queryFields, stepFacts, stepFields } from "./step-facts";

const event = {
  host: { name: "node-1", ip: ["10.0.0.5"] },
  user: { name: "mallory" },
  process: { name: "proxychains", executable: "/tmp/x/proxychains", args: ["proxychains", "nmap", "10.0.0.0/24"], parent: { name: "bash", executable: "/bin/bash" } },
};

describe("guide step facts", () => {
  it("reads every field a query names, in sequences and join keys too", () => {
    expect(queryFields(parse('sequence by host.id [process where process.name == "a" and startsWith(process.executable, "/tmp")] [network where destination.port in (22, 23)]')).sort()).toEqual(
      ["destination.port", "host.id", "process.executable", "process.name"].sort(),
    );
  });

  it("matches a step to its topics by text, with the query's fields of those topics first", () => {
    expect(stepFields("Review the command line arguments used", ["process.args", "process.name"], null)).toEqual(["process.args", "process.command_line"]);
    expect(stepFields("Check the parent process and the user account", ["user.id"], null)).toEqual(["user.id", "process.parent.name", "process.parent.executable", "process.parent.command_line", "user.name", "user.effective.name"]);
    expect(stepFields("Nothing to see", [], null)).toEqual([]);
    expect(stepFields("Anything", [], ["host.name"])).toEqual(["host.name"]);
  });

  it("gives each step this alert's values, the engine's conditions on them, notes and related alerts", () => {
    const steps = ["Examine the executable path of the process.", "Investigate related alerts for this host.", "Review the process arguments."];
    const explanation = [[{ field: "process.args", value: "nmap", op: "==", pattern: null, text: 'process.args == "nmap"', summary: 'process.args == "nmap"' }]];
    const out = stepFacts({ steps, explicit: null, query: parse('process where process.args == "nmap"'), event, explanation, reconstructed: [] });
    expect(out[0].facts).toEqual([{ field: "process.executable", value: "/tmp/x/proxychains", note: "a location attackers favour" }]);
    expect(out[1]).toMatchObject({ related: true, facts: [{ field: "host.name", value: "node-1", note: null }] });
    expect(out[2]).toMatchObject({ matched: ['process.args == "nmap"'], facts: [{ field: "process.args", value: "proxychains nmap 10.0.0.0/24", note: null }] });
  });

  it("uses the seed rule's explicit step facts and says when Vigil filled in the parent", () => {
    const rule = kubectlImpersonationRule();
    const guide = parseGuide(rule.note, rule.setup);
    const auditd = { ...event, process: { ...event.process, parent: { pid: 10, name: "bash", executable: "/bin/bash" } } };
    const out = stepFacts({ steps: guide.investigationSteps, explicit: rule.stepFacts, query: parse(rule.query), event: auditd, explanation: [], reconstructed: ["process.parent.name", "process.parent.executable"] });
    expect(out).toHaveLength(5);
    expect(out[1].facts).toEqual([
      { field: "process.parent.name", value: "bash", note: "filled in by Vigil from the parent process (the source sent none)" },
      { field: "process.parent.executable", value: "/bin/bash", note: "filled in by Vigil from the parent process (the source sent none)" },
    ]);
    expect(out[3]).toMatchObject({ related: true, facts: [] });
    expect(out[4].facts).toEqual([{ field: "host.name", value: "node-1", note: null }, { field: "host.ip", value: "10.0.0.5", note: null }]);
  });
});
