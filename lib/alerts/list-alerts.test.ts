import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { countAlertsByStatus, listAlerts, ZAlertQuery } from "./list-alerts";
import { updateAlerts, ZAlertUpdate } from "./update-alert";

const base = Date.parse("2026-11-28T00:00:00Z");

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  await db().alert.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      dedupeKey: `k${i}`,
      ruleId: i % 2 ? "r-odd" : "r-even",
      ruleName: i % 2 ? "Odd rule" : "Even rule",
      severity: i % 3 ? "low" : "high",
      riskScore: i % 5,
      threat: [],
      eventIds: [`e${i}`],
      eventTimestamp: new Date(base + i * 60_000),
      createdAt: new Date(base + (i % 4) * 1000),
      hostName: `host-${i % 3}`,
      userName: `user-${i % 2}`,
      commandLine: `kubectl --as=u${i}`,
      explanation: [],
    })),
  });
});

const q = (params: Record<string, string>) => ZAlertQuery.parse(params);

describe("the alert list", () => {
  it("walks every alert exactly once in keyset pages, whatever the sort, even with ties", async () => {
    for (const sort of ["created_at", "event_time", "risk_score"]) {
      for (const order of ["asc", "desc"]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listAlerts(q({ sort, order, limit: "7", ...(cursor ? { cursor } : {}) }));
          seen.push(...page.alerts.map((a) => a.id));
          cursor = page.next_cursor ?? undefined;
        } while (cursor);
        expect(new Set(seen).size).toBe(25);
        expect(seen).toHaveLength(25);
      }
    }
  });

  it("filters by status, severity, host, user, rule, text and time, and counts by status", async () => {
    expect((await listAlerts(q({ host: "host-1", limit: "100" }))).alerts.every((a) => a.hostName === "host-1")).toBe(true);
    expect((await listAlerts(q({ severity: "high", limit: "100" }))).alerts).toHaveLength(9);
    expect((await listAlerts(q({ rule: "odd", limit: "100" }))).alerts).toHaveLength(12);
    expect((await listAlerts(q({ q: "--AS=U1", limit: "100" }))).alerts.map((a) => a.commandLine).sort()).toEqual(
      ["kubectl --as=u1", ...Array.from({ length: 10 }, (_, i) => `kubectl --as=u${10 + i}`)].sort(),
    );
    const window = await listAlerts(q({ from: new Date(base + 5 * 60_000).toISOString(), to: new Date(base + 9 * 60_000).toISOString(), limit: "100" }));
    expect(window.alerts).toHaveLength(5);
    const ids = (await listAlerts(q({ user: "user-0", limit: "3" }))).alerts.map((a) => a.id);
    expect(await updateAlerts(ids, ZAlertUpdate.parse({ status: "closed", reason: "duplicate" }))).toBe(3);
    expect(await countAlertsByStatus({})).toEqual({ open: 22, acknowledged: 0, closed: 3 });
    expect((await listAlerts(q({ status: "closed", limit: "100" }))).alerts.map((a) => a.closeReason)).toEqual(["duplicate", "duplicate", "duplicate"]);
  });

  it("refuses a forged cursor and bad parameters with a message naming them", async () => {
    await expect(listAlerts(q({ cursor: "bm9wZQ" }))).rejects.toThrow(/cursor/);
    // Well-formed JSON with a value PostgreSQL would refuse (finding 12: these were a 500).
    const forged = (c: unknown) => Buffer.from(JSON.stringify(c)).toString("base64url");
    for (const c of [{ v: "2026-12-01T00:00:00Z", id: "not-a-uuid" }, { v: "not a date", id: randomUUID() }, { v: "2026-13-45T99:00:00Z", id: randomUUID() }, { v: 5, id: randomUUID() }]) {
      await expect(listAlerts(q({ cursor: forged(c) })), JSON.stringify(c)).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(ZAlertQuery.safeParse({ status: "deleted" }).success).toBe(false);
    expect(ZAlertQuery.safeParse({ limit: "100000" }).success).toBe(false);
  });

  it("validates triage changes: closing needs a reason, a reason needs closing, assignees must exist", async () => {
    expect(ZAlertUpdate.safeParse({ status: "closed" }).error?.issues[0].message).toBe("closing needs a reason");
    expect(ZAlertUpdate.safeParse({ status: "open", reason: "duplicate" }).success).toBe(false);
    expect(ZAlertUpdate.safeParse({}).success).toBe(false);
    await expect(updateAlerts([randomUUID()], { assignee: "nobody" })).rejects.toThrow(/no user 'nobody'/);
  });
});
