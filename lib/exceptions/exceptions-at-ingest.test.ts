/** Exceptions at detection, against PostgreSQL: silence, counts, preview, closing matching alerts, audit. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { ingestEvents } from "../ingest/ingest-events";
import { closeMatchingAlerts, previewException } from "./exception-impact";
import { createException, deleteException, updateException, ZNewException } from "./exception-store";

const SEED = "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d";
let n = 0;
const kubectl = (user: string) => ({
  "@timestamp": new Date().toISOString(),
  event: { id: `x-${++n}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: "node-a", os: { type: "linux" } },
  user: { name: user },
  process: { name: "kubectl", args: ["kubectl", "--as=admin"], parent: { name: "bash" } },
});
const ingest = (docs: unknown[]) => ingestEvents(docs.map((doc, index) => ({ index, doc })), []);
const actor = { id: null, name: "test" };
const deployOnly = [{ field: "user.name", operator: "is" as const, values: ["deploy"], caseInsensitive: false }];

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

describe("exceptions at detection", () => {
  it("previews, closes matching open alerts with an honest count, then silences new matches for that user only", async () => {
    await ingest([kubectl("deploy"), kubectl("deploy"), kubectl("mallory")]);
    expect(await db().alert.count({ where: { status: "open" } })).toBe(3);

    const preview = await previewException(SEED, deployOnly, 7);
    expect(preview).toMatchObject({ events_matched: 2, open_alerts_matched: 2, events_truncated: false });

    const item = await createException({ ruleId: SEED, entries: deployOnly, comment: "CI deploy account", expiresAt: null, enabled: true }, actor);
    expect(await closeMatchingAlerts(SEED, deployOnly)).toBe(2);
    expect(await db().alert.count({ where: { status: "open" } })).toBe(1);

    const silenced = await ingest([kubectl("deploy")]);
    expect(silenced).toMatchObject({ accepted: 1, alerts_created: 0, exceptions_applied: 1 });
    const raised = await ingest([kubectl("alice")]);
    expect(raised).toMatchObject({ accepted: 1, alerts_created: 1, exceptions_applied: 0 });
    const stored = await db().exceptionItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.suppressedCount).toBe(1);
    expect(stored.lastSuppressedAt).not.toBeNull();
  });

  it("stops applying when disabled or expired, and keeps an audit trail of every change, even after deletion", async () => {
    const item = await createException({ ruleId: null, entries: [{ field: "user.name", operator: "is", values: ["bob"], caseInsensitive: false }], comment: "bob", expiresAt: null, enabled: true }, actor);
    expect((await ingest([kubectl("bob")])).exceptions_applied).toBe(1);
    await updateException(item.id, { enabled: false }, actor);
    expect((await ingest([kubectl("bob")])).alerts_created).toBe(1);
    await updateException(item.id, { enabled: true, expiresAt: new Date(Date.now() - 1000) }, actor);
    expect((await ingest([kubectl("bob")])).alerts_created).toBe(1);
    await deleteException(item.id, actor);
    const trail = await db().exceptionAudit.findMany({ where: { exceptionId: item.id }, orderBy: { at: "asc" } });
    expect(trail.map((a) => a.action)).toEqual(["created", "updated", "updated", "deleted"]);
    expect(trail.every((a) => a.actorName === "test")).toBe(true);
  });

  it("matches open alerts on the source events they carry, as the rule read them (auditd parents filled in)", async () => {
    const auditd = (id: string, s: number, pid: number, ppid: number, name: string, args: string[]) => ({
      "@timestamp": new Date(Date.now() + s * 1000).toISOString(),
      agent: { type: "auditbeat" },
      event: { id, category: ["process"], type: ["start"], action: "executed", module: "auditd" },
      host: { name: "node-r", os: { type: "linux" } },
      user: { name: "ops-r" },
      process: { pid, name, executable: `/usr/bin/${name}`, args, parent: { pid: ppid } },
    });
    await ingest([auditd("r-sh", 0, 70, 1, "fish", ["fish"]), auditd("r-k", 1, 71, 70, "kubectl", ["kubectl", "--as=admin"])]);
    const alert = await db().alert.findFirstOrThrow({ where: { hostName: "node-r" }, select: { id: true, sourceEvents: true } });
    expect(alert.sourceEvents).toMatchObject([{ event: { id: "r-k" }, process: { name: "kubectl", parent: { pid: 70, name: "fish" } } }]);
    // Read only when selected: lists and pages do not fetch them.
    expect(await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).not.toHaveProperty("sourceEvents");
    // The stored document has no parent name: only the event the rule read can match this exception.
    const fishParent = [{ field: "process.parent.name", operator: "is" as const, values: ["fish"], caseInsensitive: false }];
    expect((await previewException(SEED, fishParent, 7)).open_alerts_matched).toBe(1);
    // Nor does matching need the events any more: with their rows and blocks gone, the alert still closes.
    const blocks = await db().event.findMany({ where: { hostName: "node-r" }, select: { blockId: true } });
    await db().event.deleteMany({ where: { hostName: "node-r" } });
    await db().eventBlock.deleteMany({ where: { id: { in: blocks.map((b) => b.blockId) } } });
    expect(await closeMatchingAlerts(SEED, fishParent)).toBe(1);
    expect((await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("closed");
  });

  it("matches alerts from before they carried source events against their events' stored documents", async () => {
    await ingest([kubectl("legacy-user"), kubectl("legacy-user"), kubectl("other-user")]);
    await db().$executeRaw`UPDATE "alert" SET "sourceEvents" = NULL WHERE "userName" IN ('legacy-user', 'other-user')`;
    const legacy = [{ field: "user.name", operator: "is" as const, values: ["legacy-user"], caseInsensitive: false }];
    expect((await previewException(SEED, legacy, 7)).open_alerts_matched).toBe(2);
    expect(await closeMatchingAlerts(SEED, legacy)).toBe(2);
    expect(await db().alert.count({ where: { userName: "legacy-user", status: "open" } })).toBe(0);
    expect(await db().alert.count({ where: { userName: "other-user", status: "open" } })).toBe(1);
  });

  it("previews over many windows' documents in storage order, and says when it stopped at its limit", async () => {
    const since = new Date();
    const ls = (i: number) => ({ "@timestamp": new Date(since.getTime() + i).toISOString(), event: { id: `ls-${i}`, category: ["process"], type: ["start"] }, host: { name: "node-b" }, user: { name: i % 7 === 0 ? "backup" : "ops" }, process: { name: "ls", args: ["ls"] } });
    // Three requests, each its own block; 4,500 events in all, every seventh by "backup".
    for (const [from, to] of [[0, 2000], [2000, 2600], [2600, 4500]]) await ingest(Array.from({ length: to - from }, (_, k) => ls(from + k)));
    const backup = [{ field: "user.name", operator: "is" as const, values: ["backup"], caseInsensitive: false }];
    const all = await previewException(null, backup, 1, new Date(since.getTime() + 60_000));
    const stored = await db().event.count({ where: { timestamp: { gte: new Date(since.getTime() + 60_000 - 86_400_000) } } });
    expect(all).toMatchObject({ events_scanned: stored, events_matched: Math.ceil(4500 / 7), events_truncated: false });
    const cut = await previewException(null, backup, 1, new Date(since.getTime() + 60_000), 3000);
    expect(cut).toMatchObject({ events_scanned: 4000, events_truncated: true });
  });

  it("refuses at save a field the engine cannot read, naming the entry (finding 6)", () => {
    for (const field of ["a..b", "user.", ".user", "user..name"]) {
      const r = ZNewException.safeParse({ ruleId: null, comment: "x", entries: [{ field: "host.name", operator: "exists" }, { field, operator: "exists" }] });
      expect(r.success, field).toBe(false);
      expect(r.error!.issues[0].path.join("."), field).toBe("entries.1.field");
    }
    expect(ZNewException.safeParse({ ruleId: null, comment: "x", entries: [{ field: "@timestamp", operator: "exists" }, { field: "k8s-pod.name_1", operator: "exists" }] }).success).toBe(true);
  });

  it("skips a stored exception that cannot compile: the window is stored, the item marked invalid and audited", async () => {
    // Stored as an older Vigil accepted it, before fields were checked with the engine's grammar.
    const bad = await db().exceptionItem.create({ data: { ruleId: null, entries: [{ field: "a..b", operator: "exists", values: [], caseInsensitive: false }], comment: "old", enabled: true } });
    const good = await createException({ ruleId: null, entries: [{ field: "user.name", operator: "is", values: ["carol"], caseInsensitive: false }], comment: "carol", expiresAt: null, enabled: true }, actor);
    const out = await ingest([kubectl("dave"), kubectl("carol")]);
    expect(out).toMatchObject({ accepted: 2, alerts_created: 1, exceptions_applied: 1 });
    await expect.poll(async () => (await db().exceptionItem.findUniqueOrThrow({ where: { id: bad.id } })).invalidReason).toMatch(/field/);
    const trail = await db().exceptionAudit.findMany({ where: { exceptionId: bad.id } });
    expect(trail.map((a) => [a.action, a.actorName])).toEqual([["marked_invalid", "Vigil (detection)"]]);
    // Marked once: later windows skip it without marking again.
    expect((await ingest([kubectl("erin")])).alerts_created).toBe(1);
    expect(await db().exceptionAudit.count({ where: { exceptionId: bad.id } })).toBe(1);
    await deleteException(good.id, actor);
  });
});
