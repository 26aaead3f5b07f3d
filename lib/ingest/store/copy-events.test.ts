/** Rows written with COPY (binary format) read back through Prisma exactly: text, arrays, time zones, integers, JSON text. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { inPgTransaction } from "../../db/pg-pool";
import { createTestDatabase } from "../../db/test-database";
import { copyEvents, type EventRow } from "./copy-events";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

const nasty = 'tab\there, newline\nthere, back\\slash, "quotes", comma, {braces}, \\N, é中🙂';

function row(id: string, extra: Partial<EventRow> = {}): EventRow {
  const doc = { "@timestamp": "2026-11-28T10:00:00.123Z", message: nasty, process: { args: ["a\tb", "c\\d"] } };
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
    docText: JSON.stringify(doc),
    source: "sentinel_one",
    originalText: JSON.stringify({ message: JSON.stringify(doc) }),
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
      source: "sentinel_one",
      doc: JSON.parse(written.docText),
      original: JSON.parse(written.originalText!),
    });
    expect(Math.abs(back.receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("reads back edge values: before 2000, negative and extreme integers, empty category list, many rows in chunks", async () => {
    const rows = [
      row("binary-edge-1", { timestamp: new Date("1969-07-20T20:17:40.001Z"), processPid: -1, processPpid: 2_147_483_647, category: [] }),
      row("binary-edge-2", { timestamp: new Date("2999-12-31T23:59:59.999Z"), processPid: -2_147_483_648, hostName: null, originalText: null }),
      ...Array.from({ length: 1200 }, (_, i) => row(`binary-many-${i}`, { timestamp: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, i)), processPid: i })),
    ];
    const fresh = await inPgTransaction((c) => copyEvents(c, rows));
    expect(fresh.size).toBe(rows.length);
    const one = await db().event.findUniqueOrThrow({ where: { id: "binary-edge-1" } });
    expect(one).toMatchObject({ timestamp: rows[0].timestamp, processPid: -1, processPpid: 2_147_483_647, category: [] });
    const two = await db().event.findUniqueOrThrow({ where: { id: "binary-edge-2" } });
    expect(two).toMatchObject({ timestamp: rows[1].timestamp, processPid: -2_147_483_648, hostName: null, original: null });
    const last = await db().event.findUniqueOrThrow({ where: { id: "binary-many-1199" } });
    expect(last).toMatchObject({ timestamp: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, 1199)), processPid: 1199, commandLine: nasty });
  });

  it("skips ids stored before and returns only the new ones (a re-send)", async () => {
    const fresh = await inPgTransaction((c) => copyEvents(c, [row("copy-1"), row("copy-2"), row("copy-3")]));
    expect([...fresh].sort()).toEqual(["copy-2", "copy-3"]);
    expect(await db().event.count({ where: { id: { startsWith: "copy-" } } })).toBe(3);
  });

  it("stores nothing when the transaction rolls back", async () => {
    await expect(
      inPgTransaction(async (c) => {
        await copyEvents(c, [row("copy-4")]);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await db().event.count({ where: { id: "copy-4" } })).toBe(0);
  });
});
