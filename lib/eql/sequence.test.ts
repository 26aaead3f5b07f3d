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

  it("does not evaluate a later stage while the stage before it holds nothing", () => {
    let calls = 0;
    const m = new SequenceMatcher(seq('sequence by host.id [process where action == "a"] [process where action == "b"]'));
    const q = m.query;
    const second = q.terms[1].filter;
    const matches = second.matches;
    second.matches = (e) => {
      calls++;
      return matches(e);
    };
    for (let i = 0; i < 100; i++) m.push(ev(i, "h1", "b"), q.ordinal(ev(i, "h1", "b"), i));
    expect(calls).toBe(0);
    m.push(ev(100, "h1", "a"), q.ordinal(ev(100, "h1", "a"), 100));
    expect(calls).toBe(0); // the later stage is tried before the first one takes the event
    expect(m.push(ev(101, "h1", "b"), q.ordinal(ev(101, "h1", "b"), 101))).toHaveLength(1);
    expect(calls).toBe(1);
    // Completed: the first stage is empty again, so the second is skipped again.
    m.push(ev(102, "h1", "b"), q.ordinal(ev(102, "h1", "b"), 102));
    expect(calls).toBe(1);
  });

  it("continues partial sequences a store already holds (a matcher started over existing state)", () => {
    const store = new MemoryStateStore<KeyState>();
    const query = seq('sequence by host.id [process where action == "a"] [process where action == "b"] [process where action == "c"]');
    const before = new SequenceMatcher(query, store);
    before.push(ev(1, "h1", "a"), query.ordinal(ev(1, "h1", "a"), 0));
    before.push(ev(2, "h1", "b"), query.ordinal(ev(2, "h1", "b"), 1));
    const after = new SequenceMatcher(query, store);
    const done = after.push(ev(3, "h1", "c"), query.ordinal(ev(3, "h1", "c"), 2));
    expect(done.map((d) => d.events.map((e) => e?.action))).toEqual([["a", "b", "c"]]);
  });

  it("still completes sequences after the store evicted keys (stage counts never undercount)", () => {
    const store = new MemoryStateStore<KeyState>(2);
    const m = new SequenceMatcher(seq('sequence by host.id [process where action == "a"] [process where action == "b"]'), store);
    const q = m.query;
    const push = (i: number, host: string, action: string) => m.push(ev(i, host, action), q.ordinal(ev(i, host, action), i));
    push(0, "h1", "a");
    push(1, "h2", "a");
    push(2, "h3", "a"); // evicts h1
    expect(push(3, "h1", "b")).toHaveLength(0);
    expect(push(4, "h2", "b")).toHaveLength(1);
    expect(push(5, "h3", "b")).toHaveLength(1);
    push(6, "h4", "a");
    expect(push(7, "h4", "b")).toHaveLength(1);
  });
});
