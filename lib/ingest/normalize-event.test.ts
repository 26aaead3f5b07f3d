import { describe, expect, it } from "vitest";
import { generateLinuxEvents } from "../demo/generate-linux-events";
import { createRng, type Rng } from "../demo/rng";
import { canonical, contentId } from "./normalize-event";

/** The definition stored ids were made with: what `canonical` must keep giving. */
function reference(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(reference).join(",")}]`;
  return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`).join(",")}}`;
}

const STRINGS = ["", "kubectl", 'say "hi"', "back\\slash", "tab\there", "line\nbreak", "\u0000", "\u001f", "\u007f", "é", "日本", "😀", "\ud83d", "x\ude00y", "\u2028", "10", "9", "-1", "__proto__"];

/** A random JSON value (as JSON.parse gives), with keys in random order. */
function randomValue(rng: Rng, depth: number): unknown {
  const kind = depth > 3 ? rng.int(4) : rng.int(6);
  if (kind === 0) return rng.pick(STRINGS) + (rng.next() < 0.5 ? rng.hex(rng.int(6)) : "");
  if (kind === 1) return rng.pick([0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 2 ** 53, 123456789.125, rng.next()]);
  if (kind === 2) return rng.pick([true, false]);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = rng.int(6); i > 0; i--) o[rng.pick(STRINGS) + rng.pick(["", "a", "Z", "1"])] = randomValue(rng, depth + 1);
  return JSON.parse(JSON.stringify(o));
}

describe("canonical", () => {
  it("gives the text the stored ids were made with, for generated events of every source", () => {
    const events = [...generateLinuxEvents({ count: 600, seed: 3, end: new Date("2026-11-28T12:00:00Z"), sources: "mixed" })];
    for (const e of events) {
      const received = JSON.parse(JSON.stringify(e)) as unknown;
      expect(canonical(received)).toBe(reference(received));
    }
  });

  it("gives the same text for random JSON values: escapes, surrogates, integer-like keys, numbers", () => {
    const rng = createRng(42);
    for (let i = 0; i < 3000; i++) {
      const v = { root: randomValue(rng, 0) };
      expect(canonical(v)).toBe(reference(v));
    }
  });

  it("keeps the reference's text for values JSON.parse never gives (normalized events may hold them)", () => {
    const odd = { a: undefined, b: [1, undefined, 2], d: new Date(0), n: Number.NaN, nested: { z: 1, a: [{}] } };
    expect(canonical(odd)).toBe(reference(odd));
  });

  it("is independent of key order, so a re-sent event keeps its id", () => {
    const a = { process: { pid: 1, name: "kubectl" }, "@timestamp": "2026-11-28T10:00:00Z", event: { category: ["process"] } };
    const b = { event: { category: ["process"] }, "@timestamp": "2026-11-28T10:00:00Z", process: { name: "kubectl", pid: 1 } };
    expect(contentId(a)).toBe(contentId(b));
    expect(contentId(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(contentId(a)).not.toBe(contentId({ ...a, process: { pid: 2, name: "kubectl" } }));
  });
});
