/**
 * A rule's gap: the stored events it never saw — its look-back before it was first enabled, the
 * time it was off — shown as status `gap` until a back-fill over the gap fills it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedCorpus } from "../../corpus/shared-corpus";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { ingestEvents } from "../../ingest/ingest-events";
import { importRuleFiles } from "../import/import-rules";
import { startBackfill } from "../preview/backfill";
import { listRules } from "./list-rules";
import { updateRule } from "./update-rules";

const FILE = "command_and_control_linux_proxychains_activity.toml";
const PROXYCHAINS = "4b868f1f-15ff-4ba3-8c11-d5a7a6356d37";
let n = 0;
const proxychains = (at: Date) => ({
  "@timestamp": at.toISOString(),
  event: { id: `gap-${++n}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: "node-g", id: "h-g", os: { type: "linux" } },
  user: { name: "dev" },
  process: { pid: 5000 + n, name: "proxychains", args: ["proxychains", "nmap"], parent: { name: "bash", pid: 1 } },
});
const ship = (at: Date) => ingestEvents([{ index: 0, doc: proxychains(at), target: "logs-endpoint.events.process-default" }], []);
const listed = async () => (await listRules(db(), { q: "ProxyChains", limit: 10 })).rules.find((r) => r.rule_id === PROXYCHAINS)!;
const alerts = () => db().alert.count({ where: { ruleId: PROXYCHAINS } });

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  await importRuleFiles(db(), [{ name: FILE, text: readFileSync(path.join(sharedCorpus("detection-rules"), "rules/linux", FILE), "utf8") }]);
});

describe("rule gaps", () => {
  it("a rule enabled after events were stored has a gap of its look-back; a back-fill over it creates their alerts and fills it", async () => {
    // Stored while the rule is disabled (as imported): no alert.
    await ship(new Date(Date.now() - 3 * 60_000));
    expect(await alerts()).toBe(0);
    expect(await listed()).toMatchObject({ enabled: false, status: "ok", gap: null });

    const id = (await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } })).id;
    await updateRule(db(), id, { enabled: true });
    const rule = await listed();
    expect(rule.status).toBe("gap");
    // The rule looks back 9 minutes ("now-9m"), as Elastic's first run would have.
    expect(rule.gap!.to.getTime() - rule.gap!.from.getTime()).toBeCloseTo(9 * 60_000, -3);
    expect((await listRules(db(), { status: "gap", limit: 10 })).rules.map((r) => r.rule_id)).toEqual([PROXYCHAINS]);

    // Events shipped now are seen at ingest; the stored one only by filling the gap.
    await ship(new Date());
    expect(await alerts()).toBe(1);
    const { finished } = await startBackfill(id, { from: rule.gap!.from, to: rule.gap!.to }, "tester");
    await finished;
    expect(await alerts()).toBe(2);
    expect(await listed()).toMatchObject({ status: "ok", gap: null });
  });

  it("the time a rule was off is a gap when it is enabled again, and only stored events make it one", async () => {
    const id = (await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } })).id;
    await updateRule(db(), id, { enabled: false });
    const off = (await db().rule.findUniqueOrThrow({ where: { id } })).disabledAt!;
    expect(off).toBeInstanceOf(Date);
    await updateRule(db(), id, { enabled: true });
    // Off for a moment with nothing stored in it: a range, but no gap to fill.
    const quiet = await listed();
    expect(quiet.gap!.from.getTime()).toBe(off.getTime());
    expect(quiet.status).toBe("ok");

    await updateRule(db(), id, { enabled: false });
    await ship(new Date());
    await updateRule(db(), id, { enabled: true });
    const rule = await listed();
    expect(rule.status).toBe("gap");
    // The earlier, unfilled range is kept: the gap runs from the first time it was off.
    expect(rule.gap!.from.getTime()).toBe(off.getTime());
  });
});
