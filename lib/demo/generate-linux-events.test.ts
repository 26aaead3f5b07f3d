import { describe, expect, it } from "vitest";
import { compileRule, kubectlImpersonationRule } from "../rules";
import { normalizeSource, sniffSource } from "../ingest/normalize/sources";
import { contentId, eventId } from "../ingest/normalize-event";
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

describe("a mixed fleet", () => {
  const events = [...generateLinuxEvents({ count: 30_000, seed: 5, sources: "mixed", impersonationRate: 0.004 })];
  const normalized = events.map((e) => normalizeSource(sniffSource(e), e));
  const isProcess = (e: Record<string, unknown>) => (e.event as { category: string[] }).category.includes("process");
  const processStarts = events.filter((_, i) => isProcess(normalized[i]));
  const { query } = compileRule(kubectlImpersonationRule());

  it("sends process events in the shapes of the five data sources the seed rule reads", () => {
    const shape = (e: Record<string, unknown>) =>
      (e.data_stream as { dataset?: string } | undefined)?.dataset ?? `${(e.agent as { type: string }).type}/${(e.event as { module?: string }).module}`;
    expect(new Set(processStarts.map(shape))).toEqual(
      new Set(["endpoint.events.process", "auditbeat/auditd", "auditd_manager.auditd", "sentinel_one_cloud_funnel.event", "endgame/endgame"]),
    );
    const actions = new Set(normalized.filter((e) => isProcess(e) && (e.event as { type: string[] }).type.includes("start")).map((e) => (e.event as { action: string }).action));
    expect(actions).toEqual(new Set(["exec", "executed", "start"]));
  });

  it("leaves auditd events without parent name, entity ids or event.id, as auditd sends them", () => {
    const auditd = processStarts.filter((e) => (e.agent as { type: string }).type === "auditbeat");
    expect(auditd.length).toBeGreaterThan(100);
    for (const e of auditd) {
      const p = e.process as { parent: Record<string, unknown>; entity_id?: string };
      expect([p.parent.name, p.parent.executable, p.parent.entity_id, p.entity_id]).toEqual([undefined, undefined, undefined, undefined]);
      expect(typeof p.parent.pid).toBe("number");
      expect((e.event as { id?: string }).id).toBeUndefined();
    }
  });

  it("gives every event an identity of its own (event.id, else its content), so benchmarks and the crash test count them apart", () => {
    const ids = new Set(events.map((e, i) => eventId(normalized[i], () => contentId(e))));
    expect(ids.size).toBe(events.length);
  });

  it("raises the seed rule's alerts, once normalized, from Elastic Defend, Endgame and SentinelOne hosts", () => {
    if (query.kind !== "event") throw new Error("seed rule is an event query");
    const agents = new Set(normalized.filter((e) => query.filter.matches(e)).map((e) => (e.agent as { type: string }).type));
    expect(agents).toEqual(new Set(["endpoint", "endgame", "filebeat"]));
    // As sent, SentinelOne's record is a string in `message`: nothing matches before normalizing.
    expect(events.filter((e) => (e.agent as { type: string }).type === "filebeat" && query.filter.matches(e))).toEqual([]);
  });
});
