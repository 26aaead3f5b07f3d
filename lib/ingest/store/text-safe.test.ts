import { describe, expect, it } from "vitest";
import { prepareEvent } from "../prepare-events";

const event = (process: Record<string, unknown>) => ({ "@timestamp": "2026-11-28T10:00:00Z", event: { id: "t-1", category: ["process"] }, host: { name: "h" }, process });

describe("columns PostgreSQL text can hold", () => {
  it("refuses a NUL or an unpaired surrogate in a stored column, naming the field", () => {
    expect(prepareEvent({ index: 0, doc: event({ name: "ku\u0000bectl" }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^process\.name: contains a \\u0000/) });
    expect(prepareEvent({ index: 0, doc: event({ executable: "/bin/\ud800x" }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^process\.executable: /) });
    expect(prepareEvent({ index: 0, doc: event({ name: "x" }), id: "id\udc00" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^event\.id: /) });
  });

  it("accepts paired surrogates, and NULs in fields that are only in the document", () => {
    expect(prepareEvent({ index: 0, doc: event({ name: "kubectl 🙂" }) })).toMatchObject({ ok: true });
    expect(prepareEvent({ index: 0, doc: { ...event({ name: "kubectl" }), message: "a\u0000b" } })).toMatchObject({ ok: true });
  });
});
