/**
 * A scan over stored events reads every row its prefilter admits, across many ingest windows (the
 * keyset pages it once read lost three quarters of them), in storage order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { inPgTransaction } from "../../db/pg-pool";
import { createTestDatabase } from "../../db/test-database";
import { generateLinuxEvents } from "../../demo/generate-linux-events";
import { indexFor } from "../../demo/source-shapes";
import { sniffSource } from "../../ingest/normalize/sources";
import { prepareEvent } from "../../ingest/prepare-events";
import { copyEvents, type EventRow } from "../../ingest/store/copy-events";
import { encodeBlock } from "../../ingest/store/document-blocks";
import { parse } from "../../eql/parser";
import { storedEvents } from "./scan-stored-events";

const end = new Date("2026-12-02T00:00:00Z");
const range = { from: new Date(end.getTime() - 2 * 86_400_000), to: new Date(end.getTime() + 1000) };

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  // 24,000 events of the five sources in windows of 1,500: sixteen blocks.
  const rows = [...generateLinuxEvents({ count: 24_000, seed: 5, end, sources: "mixed" })].flatMap((doc, index): EventRow[] => {
    const source = sniffSource(doc);
    const p = prepareEvent({ index, doc, target: source === "ecs" ? null : indexFor(source) });
    return p.ok ? [p.value.row] : [];
  });
  for (let i = 0; i < rows.length; i += 1500) {
    const window = rows.slice(i, i + 1500);
    const block = await encodeBlock(window.map((r) => r.received));
    await inPgTransaction((client) => copyEvents(client, window, block));
  }
});

const scan = async (query: string) => {
  const stats = { scanned: 0 };
  const blocks: string[][] = [];
  for await (const events of storedEvents(range, { ast: parse(query), categoryOverride: null }, stats)) blocks.push(events.map((e) => e.id));
  return { stats, ids: blocks.flat(), blocks: blocks.length };
};

describe("scanning stored events", () => {
  it("reads every row the category prefilter admits, a block at a time", async () => {
    const expected = await db().event.count({ where: { category: { has: "process" } } });
    expect(expected).toBeGreaterThan(10_000);
    const { stats, ids, blocks } = await scan("process where true");
    expect(stats.scanned).toBe(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(blocks).toBe(await db().eventBlock.count());
  });

  it("reads only the rows an indexed name admits, and all of them", async () => {
    const expected = await db().event.findMany({ where: { processName: "kubectl" }, select: { id: true, blockId: true, blockSeq: true }, orderBy: [{ blockId: "asc" }, { blockSeq: "asc" }] });
    expect(expected.length).toBeGreaterThan(50);
    const { stats, ids } = await scan('process where process.name == "kubectl"');
    expect(stats.scanned).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((e) => e.id)));
  });
});
