/** Finding 8: one append-only audit table, written by the route layer with the actor, read by admins with filters and a cursor. */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/api-keys";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { listAudit, recordAudit, ZAuditQuery } from "./audit-log";

let key: string;
beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  key = (await createApiKey({ name: "auditor", scopes: ["ingest", "read"] })).key;
});

describe("the audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE: entries are only ever added", async () => {
    await recordAudit({ kind: "system", id: null, name: "vigil" }, { action: "test.append", targetType: "test" });
    await expect(db().$executeRawUnsafe(`UPDATE "audit_entry" SET "actorName" = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "audit_entry"`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "audit_entry"`)).rejects.toThrow(/append-only/);
    expect(await db().auditEntry.count({ where: { action: "test.append" } })).toBe(1);
  });

  it("keeps secrets out of what changed", async () => {
    await recordAudit({ kind: "user", id: "u1", name: "ada" }, { action: "test.redact", targetType: "connector", changes: { name: "jira", secret: { token: "s3cr3t" }, config: { password: "p", url: "https://x" } } });
    const [e] = (await listAudit(ZAuditQuery.parse({ action: "test.redact" }))).entries;
    expect(e.changes).toEqual({ name: "jira", secret: "[redacted]", config: { password: "[redacted]", url: "https://x" } });
    expect(JSON.stringify(e)).not.toContain("s3cr3t");
  });

  it("is written by the route layer after a change succeeds, with the actor, the target and the change", async () => {
    const { PATCH } = await import("../../app/api/v1/alerts/route");
    const { POST: ingest } = await import("../../app/api/v1/events/route");
    const ctx = { params: Promise.resolve({}) };
    // An API key cannot triage (no scope): refused, and nothing is recorded.
    const refused = await PATCH(new Request("http://t/api/v1/alerts", { method: "PATCH", headers: { authorization: `ApiKey ${key}`, "content-type": "application/json" }, body: JSON.stringify({ ids: [randomUUID()], status: "acknowledged" }) }), ctx);
    expect(refused.status).toBe(403);
    expect(await db().auditEntry.count({ where: { action: "alert.bulk_update" } })).toBe(0);
    // Ingest is data, not configuration: not audited per request.
    const doc = { "@timestamp": new Date().toISOString(), event: { id: "audit-ev-1", category: ["process"], type: ["start"] }, host: { name: "h" }, process: { pid: 1, name: "ls" } };
    expect((await ingest(new Request("http://t/api/v1/events", { method: "POST", headers: { authorization: `ApiKey ${key}`, "content-type": "application/json", "x-vigil-client-address": "10.9.9.9" }, body: JSON.stringify(doc) }), ctx)).status).toBe(200);
    expect(await db().auditEntry.count({ where: { actorIp: "10.9.9.9" } })).toBe(0);
  });

  it("lists newest first with filters and a keyset cursor that walks every entry once", async () => {
    for (let i = 0; i < 7; i++) await recordAudit({ kind: "user", id: "u-walk", name: "walker", ip: "10.0.0.7" }, { action: "test.walk", targetType: "case", targetId: `c-${i}`, changes: { n: i } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAudit(ZAuditQuery.parse({ actor: "walker", limit: "3", ...(cursor ? { cursor } : {}) }));
      seen.push(...page.entries.map((e) => e.target_id!));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["c-6", "c-5", "c-4", "c-3", "c-2", "c-1", "c-0"]);
    expect((await listAudit(ZAuditQuery.parse({ target_type: "case", target_id: "c-3" }))).entries.map((e) => e.changes)).toEqual([{ n: 3 }]);
    expect((await listAudit(ZAuditQuery.parse({ actor: "u-walk", action: "test.walk", from: new Date(Date.now() + 60_000).toISOString() }))).entries).toEqual([]);
    await expect(listAudit(ZAuditQuery.parse({ cursor: "bm9wZQ" }))).rejects.toMatchObject({ code: "bad_request" });
  });
});
