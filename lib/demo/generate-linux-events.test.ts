import { describe, expect, it } from "vitest";
import { compileRule, kubectlImpersonationRule } from "../rules";
import { generateLinuxEvents } from "./generate-linux-events";

describe("generated Linux telemetry", () => {
  const events = [...generateLinuxEvents({ count: 50_000, seed: 7, end: new Date("2026-11-28T12:00:00Z") })];

  it("is deterministic for a seed and in time order", () => {
    const again = [...generateLinuxEvents({ count: 50_000, seed: 7, end: new Date("2026-11-28T12:00:00Z") })];
    expect(again.slice(0, 200)).toEqual(events.slice(0, 200));
    const times = events.map((e) => Date.parse(e["@timestamp"] as string));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it("has the mix the benchmark promises: mostly processes, ~1 % kubectl, ~0.1 % impersonation", () => {
    const cat = (c: string) => events.filter((e) => ((e.event as { category: string[] }).category).includes(c)).length / events.length;
    expect(cat("process")).toBeGreaterThan(0.75);
    expect(cat("network")).toBeGreaterThan(0.05);
    expect(cat("file")).toBeGreaterThan(0.02);
    const kubectl = events.filter((e) => (e.process as { name?: string } | undefined)?.name === "kubectl").length / events.length;
    expect(kubectl).toBeGreaterThan(0.005);
    expect(kubectl).toBeLessThan(0.02);
    const { query } = compileRule(kubectlImpersonationRule());
    if (query.kind !== "event") throw new Error("seed rule is an event query");
    const hits = events.filter((e) => query.filter.matches(e)).length / events.length;
    expect(hits).toBeGreaterThan(0.0004);
    expect(hits).toBeLessThan(0.003);
  });
});
