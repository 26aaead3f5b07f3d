import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { DOCUMENT_REF, eventDocuments } from "../events/event-documents";
import { ingestEvents } from "../ingest/ingest-events";
import { deleteOldEvents } from "./event-retention";

const daysAgo = (d: number, s = 0) => new Date(Date.now() - d * 86_400_000 + s * 1000).toISOString();
const proc = (id: string, at: string, host: string, p: Record<string, unknown>) => ({
  "@timestamp": at,
  event: { id, category: ["process"], type: ["start"], action: "exec" },
  host: { name: host, os: { type: "linux" } },
  user: { name: "mallory" },
  process: p,
});

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  const docs = [
    // Old, with entity ids: sshd → bash → kubectl (alert).
    proc("sshd", daysAgo(10, 0), "h1", { pid: 9, entity_id: "E0", name: "sshd", args: ["sshd"] }),
    proc("bash", daysAgo(10, 1), "h1", { pid: 10, entity_id: "E1", name: "bash", args: ["-bash"], parent: { pid: 9, entity_id: "E0" } }),
    proc("kubectl", daysAgo(10, 2), "h1", { pid: 11, entity_id: "E2", name: "kubectl", args: ["kubectl", "--as=admin"], parent: { pid: 10, entity_id: "E1", name: "bash" } }),
    // Old, auditd-style (pids only): sh → kubectl (alert, parent rebuilt).
    proc("sh", daysAgo(9, 0), "h2", { pid: 20, name: "sh", executable: "/bin/sh", args: ["sh"], parent: { pid: 1 } }),
    proc("kubectl-2", daysAgo(9, 1), "h2", { pid: 21, name: "kubectl", args: ["kubectl", "--token=x"], parent: { pid: 20 } }),
    // Recent.
    proc("new-1", daysAgo(0, -60), "h3", { pid: 500, name: "ls", args: ["ls"] }),
  ];
  await ingestEvents(docs.map((doc, index) => ({ index, doc })), []);
  // Old and not needed by any alert: a window (a block of documents) of its own.
  const old = Array.from({ length: 25 }, (_, i) => proc(`old-${i}`, daysAgo(8, i), "h3", { pid: 100 + i, name: "ls", args: ["ls"] }));
  await ingestEvents(old.map((doc, index) => ({ index, doc })), []);
});

describe("event retention", () => {
  it("deletes old events in batches but keeps the events alerts were raised on and their ancestors", async () => {
    expect(await db().alert.count()).toBe(2);
    const r = await deleteOldEvents(new Date(Date.now() - 86_400_000), 10);
    expect(r).toEqual({ deleted: 25, kept: 5, blocksDeleted: 1, ran: true });
    const left = await db().event.findMany({ select: DOCUMENT_REF, orderBy: { timestamp: "asc" } });
    expect(left.map((e) => e.id)).toEqual(["sshd", "bash", "kubectl", "sh", "kubectl-2", "new-1"]);
    // The block of the deleted window is gone; the kept events' documents are still there.
    expect(await db().eventBlock.count()).toBe(1);
    const docs = await eventDocuments(left);
    expect((docs.get("kubectl")?.doc.process as { args?: unknown }).args).toEqual(["kubectl", "--as=admin"]);
    expect(docs.size).toBe(6);
  });

  it("does nothing while another instance holds the retention lock", async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("SELECT pg_advisory_lock(7104101)");
    try {
      expect(await deleteOldEvents(new Date())).toEqual({ deleted: 0, kept: 0, blocksDeleted: 0, ran: false });
    } finally {
      await other.end();
    }
  });
});
