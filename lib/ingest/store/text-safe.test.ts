import { describe, expect, it } from "vitest";
import { prepareEvent } from "../prepare-events";

const event = (process: Record<string, unknown>) => ({ "@timestamp": "2026-11-28T10:00:00Z", event: { id: "t-1", category: ["process"] }, host: { name: "h" }, process });

describe("columns PostgreSQL text can hold", () => {
  it("refuses a NUL or an unpaired surrogate in a stored column, naming the field", () => {
    expect(prepareEvent({ index: 0, doc: event({ name: "ku\u0000bectl" }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^process\.name: contains a \\u0000/) });
    expect(prepareEvent({ index: 0, doc: event({ executable: "/bin/\ud800x" }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^process\.executable: /) });
    expect(prepareEvent({ index: 0, doc: event({ name: "x" }), id: "id\udc00" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^event\.id: /) });
  });

  it("refuses a NUL anywhere in the document, where alerts, cases and tickets could pick it up", () => {
    const args = { ...event({ name: "kubectl", command_line: "kubectl --as=admin", args: ["kubectl", "--as=ad\u0000min"] }) };
    expect(prepareEvent({ index: 0, doc: args, raw: JSON.stringify(args) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^the document contains a \\u0000/) });
    expect(prepareEvent({ index: 0, doc: { ...event({ name: "kubectl" }), message: "a\u0000b" } })).toMatchObject({ ok: false });
  });

  it("refuses a NUL that a document nested in a string brings into the normalized event", () => {
    const record = JSON.stringify({ "event.type": "Process Creation", "tgt.process.name": "kubectl", "tgt.process.cmdline": "kubectl --as=admin", "src.process.cmdline": "bash -c x\u0000y", "endpoint.name": "h" });
    const s1 = { "@timestamp": "2026-11-28T10:00:00Z", message: record, event: { id: "s1-nul" } };
    const p = prepareEvent({ index: 0, doc: s1, raw: JSON.stringify(s1), target: "logs-sentinel_one_cloud_funnel.event-default" });
    expect(p).toMatchObject({ ok: false, reason: expect.stringMatching(/^the document contains/) });
  });

  it("accepts paired surrogates, and text that only looks like an escape", () => {
    expect(prepareEvent({ index: 0, doc: event({ name: "kubectl 🙂" }) })).toMatchObject({ ok: true });
    expect(prepareEvent({ index: 0, doc: { ...event({ name: "kubectl" }), message: "C:\\u0000dir" } })).toMatchObject({ ok: true });
  });
});
