/**
 * Finding 5 (ReDoS): no user- or rule-controlled pattern runs on a backtracking engine. The worst
 * cases of a backtracking regex — `*a*a*a*a*a*a*a*a*a*a?b` as a wildcard, `(a+)+b` as a regex —
 * take time linear in the value here: doubling the value at most about doubles the time.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { compileWildcard } from "./wildcard";

/** Median wall time of `runs` calls of `f`, in ms. */
function time(f: () => void, runs = 5): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    t.push(performance.now() - start);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Time for values of `n` and `8n` characters: linear growth is a ratio near 8, quadratic 64. */
function growth(test: (s: string) => boolean, value: (n: number) => string, n: number): { small: number; large: number; ratio: number } {
  const small = value(n);
  const large = value(8 * n);
  // Enough repetitions that a run takes measurable time.
  const reps = 20;
  const ts = time(() => {
    for (let i = 0; i < reps; i++) test(small);
  });
  const tl = time(() => {
    for (let i = 0; i < reps; i++) test(large);
  });
  return { small: ts, large: tl, ratio: tl / Math.max(ts, 0.01) };
}

describe("patterns match in time linear in the value", () => {
  it("wildcards with ? and many *: the exception and `like` worst case", () => {
    const test = compileWildcard("*a*a*a*a*a*a*a*a*a*a?b", false);
    expect(test("a".repeat(30))).toBe(false);
    expect(test(`${"a".repeat(30)}xb`)).toBe(true);
    const g = growth(test, (n) => "a".repeat(n), 20_000);
    // 160,000 characters in well under a second (a backtracking regex does not finish 30).
    expect(g.large / 20).toBeLessThan(100);
    expect(g.ratio).toBeLessThan(24);
  });

  it("EQL regex: a nested quantifier is no slower than a plain one", () => {
    const q = compileQuery('process where process.command_line regex "(a+)+b"');
    const event = (s: string) => ({ event: { category: "process" }, process: { command_line: s } });
    expect(q.kind === "event" && q.filter.matches(event("aaab"))).toBe(true);
    const filter = q.kind === "event" ? q.filter : null;
    const g = growth((s) => filter!.matches(event(s)), (n) => `${"a".repeat(n)}c`, 5_000);
    expect(g.large / 20).toBeLessThan(200);
    expect(g.ratio).toBeLessThan(24);
  });

  it("EQL regex refuses what a linear engine cannot run, with the engine's reason", () => {
    expect(() => compileQuery('process where process.name regex "(a)\\\\1"')).toThrow(/invalid regular expression/);
    expect(() => compileQuery('process where process.name regex "(?=a)a"')).toThrow(/invalid regular expression/);
  });
});
