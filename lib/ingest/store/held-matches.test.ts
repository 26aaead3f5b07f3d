/**
 * Matches that make no alert stay visible: alert suppression folds a group's matches into the
 * group's alert of the window (count, first and last time), and matches over the cap are counted
 * on the rule's latest alert. Against PostgreSQL, through ingest.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { syncRules } from "../../detect";
import { updateRule } from "../../rules/catalog/update-rules";
import { ingestEvents } from "../ingest-events";

const SEED = "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d";
let n = 0;
const kubectl = (user: string, host = "node-h", at = Date.now()) => ({
  "@timestamp": new Date(at + ++n).toISOString(),
  event: { id: `held-${n}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: host, os: { type: "linux" } },
  user: { name: user },
  process: { pid: 100 + n, name: "kubectl", args: ["kubectl", "--as=admin", "get", "pods"], parent: { name: "bash", pid: 99 } },
});
const ingest = (docs: unknown[]) => ingestEvents(docs.map((doc, index) => ({ index, doc })), []);

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  await syncRules();
});

describe("held-back matches", () => {
  it("suppresses by user: one alert per user per window, the rest counted on it with their time span", async () => {
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: SEED } });
    await updateRule(db(), seed.id, { suppression: { group_by: ["user.name"], duration: "1h", missing_fields: "suppress" } });
    const t = Date.now();
    const held = [kubectl("ann", "b", t + 1000), kubectl("ann", "c", t + 5000), kubectl("ann", "c", t + 6000)];
    const first = await ingest([kubectl("ann", "a", t), held[0], kubectl("bob", "a", t + 2000)]);
    expect(first).toMatchObject({ alerts_created: 2, alerts_suppressed: 1 });
    const again = await ingest(held.slice(1));
    expect(again).toMatchObject({ alerts_created: 0, alerts_suppressed: 2 });
    const ann = await db().alert.findFirstOrThrow({ where: { userName: "ann" } });
    expect(ann.suppressedCount).toBe(3);
    expect(ann.suppressedFirstAt!.toISOString()).toBe(held[0]["@timestamp"]);
    expect(ann.suppressedLastAt!.toISOString()).toBe(held[2]["@timestamp"]);
    expect(await db().alert.count({ where: { userName: "bob" } })).toBe(1);

    // Turned off, every match alerts again.
    await updateRule(db(), seed.id, { suppression: { group_by: [] } });
    expect((await ingest([kubectl("ann"), kubectl("ann")])).alerts_created).toBe(2);
    await updateRule(db(), seed.id, { suppression: null });
  });

  it("counts matches over the cap on the rule's latest alert", async () => {
    await db().alert.deleteMany({});
    await db().ruleWindow.deleteMany({});
    const docs = Array.from({ length: 103 }, (_, i) => kubectl(`u${i}`));
    const result = await ingest(docs);
    expect(result).toMatchObject({ alerts_created: 100, alerts_suppressed: 3 });
    const latest = await db().alert.findFirstOrThrow({ where: { ruleId: SEED }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(latest.suppressedCount).toBe(3);
    expect(await db().alert.aggregate({ _sum: { suppressedCount: true } })).toMatchObject({ _sum: { suppressedCount: 3 } });
  });
});
