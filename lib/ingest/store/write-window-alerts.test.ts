/**
 * One window's alerts for several rules at once, against PostgreSQL: each rule gets alerts up to
 * its own remaining room, only those rows are built, and the rest are counted on the window and on
 * that rule's latest alert — not on another rule's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { inPgTransaction } from "../../db/pg-pool";
import { createTestDatabase } from "../../db/test-database";
import type { AlertRow, AlertRule, PendingMatch } from "./write-alerts";
import { writeWindowAlerts } from "./write-alerts";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

const rule = (id: string, maxSignals: number): AlertRule => ({ id, maxSignals, alertSuppression: null, interval: "5m" });
const T0 = Date.parse("2026-12-07T10:00:00Z");

/** `n` matches of a rule, one second apart from `offset`; counts the rows built. */
function matches(ruleId: string, n: number, offset: number, builtRows: string[]): PendingMatch[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(T0 + (offset + i) * 1000);
    return {
      at,
      row: (): AlertRow => {
        builtRows.push(`${ruleId}#${offset + i}`);
        const event = { "@timestamp": at.toISOString(), event: { id: `${ruleId}-${offset + i}` } };
        return {
          dedupeKey: `${ruleId}:${ruleId}-${offset + i}`, ruleId, ruleName: ruleId, ruleVersion: 1, severity: "low", riskScore: 21, threat: [],
          eventIds: [`${ruleId}-${offset + i}`], eventTimestamp: at, hostName: "h", userName: "u", processName: "p", processEntityId: null,
          commandLine: null, explanation: [[]], reconstructed: [], sourceEvents: [event],
        };
      },
    };
  });
}

describe("writeWindowAlerts", () => {
  it("keeps each rule to its own cap and holds the rest on that rule's latest alert", async () => {
    const windowStart = new Date(T0);
    const built: string[] = [];
    const result = await inPgTransaction((client) =>
      writeWindowAlerts(client, windowStart, [
        { rule: rule("rule-b", 5), matches: matches("rule-b", 3, 0, built) },
        { rule: rule("rule-a", 2), matches: matches("rule-a", 4, 0, built) },
      ]),
    );
    expect(result).toEqual({ created: 5, suppressed: 2, grouped: 0 });
    // Rows are built only for the matches that become alerts.
    expect(built.sort()).toEqual(["rule-a#0", "rule-a#1", "rule-b#0", "rule-b#1", "rule-b#2"]);

    const windows = await db().ruleWindow.findMany({ orderBy: { ruleId: "asc" } });
    expect(windows.map((w) => [w.ruleId, w.created, w.suppressed])).toEqual([["rule-a", 2, 2], ["rule-b", 3, 0]]);
    const held = await db().alert.findMany({ where: { suppressedCount: { gt: 0 } } });
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ ruleId: "rule-a", suppressedCount: 2 });
    expect(held[0].suppressedFirstAt!.getTime()).toBe(T0 + 2000);
    expect(held[0].suppressedLastAt!.getTime()).toBe(T0 + 3000);

    // The same window again: rule-a has no room left, rule-b has two places.
    const again = await inPgTransaction((client) =>
      writeWindowAlerts(client, windowStart, [
        { rule: rule("rule-a", 2), matches: matches("rule-a", 1, 10, built) },
        { rule: rule("rule-b", 5), matches: matches("rule-b", 3, 10, built) },
      ]),
    );
    expect(again).toEqual({ created: 2, suppressed: 2, grouped: 0 });
    expect(await db().alert.count({ where: { ruleId: "rule-b" } })).toBe(5);
    expect((await db().alert.aggregate({ where: { ruleId: "rule-a" }, _sum: { suppressedCount: true } }))._sum.suppressedCount).toBe(3);
    expect((await db().alert.aggregate({ where: { ruleId: "rule-b" }, _sum: { suppressedCount: true } }))._sum.suppressedCount).toBe(1);
  });

  it("refuses two entries for one rule (their counts would race in one statement)", async () => {
    await expect(
      inPgTransaction((client) => writeWindowAlerts(client, new Date(T0 + 600_000), [{ rule: rule("rule-c", 5), matches: matches("rule-c", 1, 0, []) }, { rule: rule("rule-c", 5), matches: matches("rule-c", 1, 1, []) }])),
    ).rejects.toThrow(/one entry per rule/);
  });
});
