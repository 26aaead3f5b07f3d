/** A rule's matches per hour, from its rule windows in PostgreSQL: bucketed, zero-filled, this rule's only. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { matchesByHour } from "./rule-activity";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

describe("matchesByHour", () => {
  it("sums each hour's windows, fills the hours without matches, and leaves other rules and older hours out", async () => {
    const now = new Date("2026-12-07T10:42:00Z");
    await db().ruleWindow.createMany({
      data: [
        { ruleId: "r1", windowStart: new Date("2026-12-07T10:00:00Z"), created: 3, suppressed: 0 },
        { ruleId: "r1", windowStart: new Date("2026-12-07T10:35:00Z"), created: 2, suppressed: 7 },
        { ruleId: "r1", windowStart: new Date("2026-12-07T08:55:00Z"), created: 1, suppressed: 0 },
        { ruleId: "r1", windowStart: new Date("2026-12-07T06:55:00Z"), created: 9, suppressed: 9 }, // before the 4 hours asked
        { ruleId: "r2", windowStart: new Date("2026-12-07T10:05:00Z"), created: 50, suppressed: 0 },
      ],
    });
    const hours = await matchesByHour(db(), "r1", now, 4);
    expect(hours).toEqual([
      { hour: "2026-12-07T07:00:00.000Z", alerts: 0, over_cap: 0 },
      { hour: "2026-12-07T08:00:00.000Z", alerts: 1, over_cap: 0 },
      { hour: "2026-12-07T09:00:00.000Z", alerts: 0, over_cap: 0 },
      { hour: "2026-12-07T10:00:00.000Z", alerts: 5, over_cap: 7 },
    ]);
  });
});
