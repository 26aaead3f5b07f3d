/** Rows written with COPY (binary format) read back through Prisma exactly — text, arrays, time zones, integers — and their documents from the window's block. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { inPgTransaction } from "../../db/pg-pool";
import { createTestDatabase } from "../../db/test-database";
import { DOCUMENT_REF, eventDocuments } from "../../events/event-documents";
import { copyEvents, type EventRow } from "./copy-events";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

const nasty = 'tab\there, newline\nthere, back\\slash, "quotes", comma, {braces}, \\N, é中🙂';

const docOf = (id: string) => ({ "@timestamp": "2026-11-28T10:00:00.123Z", event: { id }, message: nasty, process: { args: ["a\tb", "c\\d"] } });

function row(id: string, extra: Partial<EventRow> = {}): EventRow {
  return {
    id,
    timestamp: new Date("2026-11-28T10:00:00.123Z"),
    hostName: nasty,
    hostId: null,
    userName: "mallory",
    category: ["process", 'we"ird', "comma,and space", "back\\slash", "NULL"],
    action: "exec",
    processPid: 4_000_000,
    processPpid: null,
    processEntityId: "E1",
    parentEntityId: null,
    processName: "kubectl",
    commandLine: nasty,
    processExecutable: "/usr/bin/kubectl",
    source: "ecs",
    index: "logs-endpoint.events.process-default",
    received: JSON.stringify(docOf(id)),
    ...extra,
  };
}

describe("storing events with COPY", () => {
  it("reads back every column as written, special characters and all", async () => {
    const written = row("copy-1");
    const fresh = await inPgTransaction((c) => copyEvents(c, [written]));
    expect([...fresh]).toEqual(["copy-1"]);
    const back = await db().event.findUniqueOrThrow({ where: { id: "copy-1" } });
    expect(back).toMatchObject({
      timestamp: written.timestamp,
      hostName: nasty,
      hostId: null,
      category: written.category,
      processPid: 4_000_000,
      processPpid: null,
      commandLine: nasty,
      processExecutable: "/usr/bin/kubectl",
      source: "ecs",
      blockSeq: 0,
    });
    expect(Math.abs(back.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await eventDocuments([back])).get("copy-1")).toEqual({ doc: docOf("copy-1"), original: null });
  });

  it("reads back edge values: before 2000, negative and extreme integers, empty category list, many rows in chunks", async () => {
    const rows = [
      row("binary-edge-1", { timestamp: new Date("1969-07-20T20:17:40.001Z"), processPid: -1, processPpid: 2_147_483_647, category: [] }),
      // Pretty-printed, as /api/v1/events may receive it: newlines between tokens.
      row("binary-edge-2", { timestamp: new Date("2999-12-31T23:59:59.999Z"), processPid: -2_147_483_648, hostName: null, received: JSON.stringify(docOf("binary-edge-2"), null, 2) }),
      ...Array.from({ length: 1200 }, (_, i) => row(`binary-many-${i}`, { timestamp: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, i)), processPid: i })),
    ];
    const fresh = await inPgTransaction((c) => copyEvents(c, rows));
    expect(fresh.size).toBe(rows.length);
    const one = await db().event.findUniqueOrThrow({ where: { id: "binary-edge-1" } });
    expect(one).toMatchObject({ timestamp: rows[0].timestamp, processPid: -1, processPpid: 2_147_483_647, category: [] });
    const two = await db().event.findUniqueOrThrow({ where: { id: "binary-edge-2" } });
    expect(two).toMatchObject({ timestamp: rows[1].timestamp, processPid: -2_147_483_648, hostName: null });
    const last = await db().event.findUniqueOrThrow({ where: { id: "binary-many-1199" } });
    expect(last).toMatchObject({ timestamp: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, 1199)), processPid: 1199, commandLine: nasty, blockSeq: 1201 });
    // Every document from its own place in the block's frames, in one read.
    const refs = await db().event.findMany({ where: { OR: [{ id: { startsWith: "binary-" } }] }, select: DOCUMENT_REF });
    const docs = await eventDocuments(refs);
    expect(docs.size).toBe(rows.length);
    for (const r of rows) expect(docs.get(r.id)?.doc).toEqual(docOf(r.id));
  });

  it("skips ids stored before and returns only the new ones (a re-send)", async () => {
    const fresh = await inPgTransaction((c) => copyEvents(c, [row("copy-1"), row("copy-2"), row("copy-3")]));
    expect([...fresh].sort()).toEqual(["copy-2", "copy-3"]);
    expect(await db().event.count({ where: { id: { startsWith: "copy-" } } })).toBe(3);
    const refs = await db().event.findMany({ where: { id: { in: ["copy-2", "copy-3"] } }, select: DOCUMENT_REF });
    expect([...(await eventDocuments(refs)).values()].map((d) => d.doc)).toEqual(refs.map((r) => docOf(r.id)));
  });

  it("keeps no block for a window whose events were all stored before", async () => {
    const blocks = await db().eventBlock.count();
    expect(await inPgTransaction((c) => copyEvents(c, [row("copy-2"), row("copy-3")]))).toEqual(new Set());
    expect(await db().eventBlock.count()).toBe(blocks);
  });

  it("stores nothing when the transaction rolls back", async () => {
    const blocks = await db().eventBlock.count();
    await expect(
      inPgTransaction(async (c) => {
        await copyEvents(c, [row("copy-4")]);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await db().event.count({ where: { id: "copy-4" } })).toBe(0);
    expect(await db().eventBlock.count()).toBe(blocks);
  });
});
