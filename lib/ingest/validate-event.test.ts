import { describe, expect, it } from "vitest";
import { MAX_FIELDS, validateEvent } from "./validate-event";

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe("validating an event", () => {
  it("takes fields it does not check through as sent", () => {
    const doc = { "@timestamp": "2026-11-28T10:00:00Z", custom: { deep: [1, 2] }, process: { pid: 5, extra: "x" } };
    expect(validateEvent(doc)).toEqual({ ok: true, event: doc });
  });

  it("refuses nesting deeper than 32 levels anywhere in the document, not only in the fields it checks", () => {
    expect(validateEvent({ "@timestamp": "2026-11-28T10:00:00Z", x: nested(31) }).ok).toBe(true);
    expect(validateEvent({ "@timestamp": "2026-11-28T10:00:00Z", x: nested(40) })).toEqual({ ok: false, reason: "event: nesting deeper than 32 levels" });
    expect(validateEvent({ "@timestamp": "2026-11-28T10:00:00Z", x: JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) }).ok).toBe(false);
  });

  it("refuses an event wider than MAX_FIELDS keys, counted at every level", () => {
    const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(validateEvent({ "@timestamp": 1, a: wide(MAX_FIELDS - 10) }).ok).toBe(true);
    expect(validateEvent({ "@timestamp": 1, a: wide(400_000) })).toEqual({ ok: false, reason: `event: more than ${MAX_FIELDS} fields` });
    expect(validateEvent({ "@timestamp": 1, a: Array.from({ length: 3 }, () => wide(2000)) }).ok).toBe(false);
  });

  it("names the field that is wrong", () => {
    expect(validateEvent({ "@timestamp": "never" })).toEqual({ ok: false, reason: "@timestamp: must be an ISO 8601 date or epoch milliseconds" });
    expect(validateEvent({ "@timestamp": ["2026-11-28T10:00:00Z", "2026-11-28T10:00:01Z"] })).toEqual({ ok: false, reason: "@timestamp: has 2 values; an event happens at one instant" });
    expect(validateEvent({ "@timestamp": true })).toEqual({ ok: false, reason: "@timestamp: must be an ISO 8601 date or epoch milliseconds" });
    expect(validateEvent({ "@timestamp": 1, process: { pid: -1 } })).toMatchObject({ ok: false, reason: expect.stringMatching(/^process\.pid: /) });
    expect(validateEvent([1])).toEqual({ ok: false, reason: "an event must be a JSON object" });
  });
});
