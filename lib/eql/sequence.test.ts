import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { SequenceMatcher, type KeyState, type SequenceQuery } from "./sequence";
import { MemoryStateStore } from "./store";

const seq = (q: string) => compileQuery(q) as SequenceQuery;
const ev = (ts: number, host: string, action: string) => ({ "@timestamp": ts, event: { category: "process" }, host: { id: host }, action });

describe("streaming sequences", () => {
  it("keeps state in the injected store and emits as soon as a sequence completes", () => {
    const store = new MemoryStateStore<KeyState>();
    const m = new SequenceMatcher(seq('sequence by host.id [process where action == "a"] [process where action == "b"]'), store);
    const q = m.query;
    expect(m.push(ev(1, "h1", "a"), q.ordinal(ev(1, "h1", "a"), 0))).toEqual([]);
    expect(store.size).toBe(1);
    const done = m.push(ev(2, "h1", "b"), q.ordinal(ev(2, "h1", "b"), 1));
    expect(done).toHaveLength(1);
    expect(done[0].joinKeys).toEqual(["h1"]);
    expect(done[0].events.map((e) => e?.action)).toEqual(["a", "b"]);
    expect(store.size).toBe(0);
  });

  it("bounds memory with a capped store and counts what it evicts", () => {
    const store = new MemoryStateStore<KeyState>(100);
    const m = new SequenceMatcher(seq('sequence by host.id [process where action == "a"] [process where action == "b"]'), store);
    const q = m.query;
    for (let i = 0; i < 1000; i++) m.push(ev(i, `h${i}`, "a"), q.ordinal(ev(i, `h${i}`, "a"), i));
    expect(store.size).toBe(100);
    expect(store.evictions).toBe(900);
    // The newest keys survive and still complete.
    expect(m.push(ev(2000, "h999", "b"), q.ordinal(ev(2000, "h999", "b"), 2000))).toHaveLength(1);
    expect(m.push(ev(2001, "h0", "b"), q.ordinal(ev(2001, "h0", "b"), 2001))).toHaveLength(0);
  });

  it("expires partial sequences once their maxspan has passed", () => {
    const store = new MemoryStateStore<KeyState>();
    const m = new SequenceMatcher(seq('sequence by host.id with maxspan=1s [process where action == "a"] [process where action == "b"]'), store);
    const q = m.query;
    for (let i = 0; i < 20_000; i++) m.push(ev(i * 10, `h${i}`, "a"), q.ordinal(ev(i * 10, `h${i}`, "a"), i));
    // Only keys from about the last maxspan (100 events at 10 ms apart) plus one sweep interval stay.
    expect(store.size).toBeLessThan(4096 + 200);
    expect(m.stats.expired).toBeGreaterThan(10_000);
  });

  it("rejects a sequence that exceeds maxspan, inclusive at the limit", () => {
    const m = new SequenceMatcher(seq('sequence with maxspan=10ms [process where action == "a"] [process where action == "b"]'));
    const q = m.query;
    m.push(ev(0, "h", "a"), q.ordinal(ev(0, "h", "a"), 0));
    expect(m.push(ev(10, "h", "b"), q.ordinal(ev(10, "h", "b"), 1))).toHaveLength(1);
    m.push(ev(20, "h", "a"), q.ordinal(ev(20, "h", "a"), 2));
    expect(m.push(ev(31, "h", "b"), q.ordinal(ev(31, "h", "b"), 3))).toHaveLength(0);
    expect(m.stats.rejected).toBe(1);
  });
});
