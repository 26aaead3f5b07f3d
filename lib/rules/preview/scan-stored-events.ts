/**
 * Stored events as detection saw them, for previews and back-fills: in storage order, one block
 * (an ingest window) at a time, each block's events in time order — the order ingest fed its
 * detector — read back from their compressed documents, normalized and checked as ingest did,
 * with auditd parents reconstructed from the process table and the stored id marked (so a
 * back-filled alert has the dedupe key ingest would have given it).
 */
import { db } from "../../db/client";
import { pgPool } from "../../db/pg-pool";
import { documentsOf, readFrames, type StoredFrames } from "../../events/event-documents";
import { markStoredId, normalizeEvent } from "../../ingest/normalize-event";
import { reconstructParents } from "../../ingest/normalize/reconstruct-parents";
import { validateEvent } from "../../ingest/validate-event";
import type { Query } from "../../eql/ast";
import { prefilterOf } from "./column-prefilter";

export interface StoredEvent {
  id: string;
  index: string | null;
  event: Record<string, unknown>;
}

interface Ref {
  id: string;
  source: string;
  blockId: string;
  blockSeq: number;
  index: string | null;
  timestamp: Date;
}

/**
 * Rows aimed at per round trip. A chunk is a run of blocks (ingest windows); how many follows how
 * many rows the last one held, so a scan narrowed by an index reads many blocks at once. The next
 * chunk is read while this one is detected on.
 */
const CHUNK_ROWS = 8000;
const MAX_BLOCKS_PER_CHUNK = 16;

interface Chunk {
  refs: Ref[];
  frames: StoredFrames;
}

/**
 * Yields the events of [from, to) the query may match (by the indexed columns it constrains), a
 * block at a time. `stats.scanned` counts the rows read so far.
 */
export async function* storedEvents(range: { from: Date; to: Date }, query: { ast: Query; categoryOverride: string | null }, stats: { scanned: number }): AsyncGenerator<StoredEvent[]> {
  const span = [range.from.toISOString().slice(0, -1), range.to.toISOString().slice(0, -1)];
  const { rows } = await pgPool().query<{ lo: string | null; hi: string | null }>(
    `SELECT min("blockId")::text AS lo, max("blockId")::text AS hi FROM "event" WHERE "timestamp" >= $1 AND "timestamp" < $2`,
    span,
  );
  if (rows[0].lo === null || rows[0].hi === null) return;
  const last = BigInt(rows[0].hi);
  // $1–$4 are the range and the chunk's blocks.
  const prefilter = prefilterOf(query.ast, query.categoryOverride, 5);
  const load = async (first: bigint, blocks: number): Promise<Chunk & { end: bigint }> => {
    const end = first + BigInt(blocks);
    const where = [`"timestamp" >= $1`, `"timestamp" < $2`, `"blockId" >= $3::bigint`, `"blockId" < $4::bigint`, ...prefilter.sql];
    const { rows: refs } = await pgPool().query<Ref>(
      `SELECT "id", "source", "blockId"::text AS "blockId", "blockSeq", "index", "timestamp" FROM "event" WHERE ${where.join(" AND ")}`,
      [...span, String(first), String(end), ...prefilter.params],
    );
    // Block ids are bigint text: shorter is smaller, then digit order.
    refs.sort((a, b) => a.blockId.length - b.blockId.length || (a.blockId === b.blockId ? a.blockSeq - b.blockSeq : a.blockId < b.blockId ? -1 : 1));
    return { refs, end, frames: await readFrames(refs, (sql, params) => pgPool().query(sql, params).then((r) => r.rows)) };
  };
  let blocks = 4;
  let next: Promise<Chunk & { end: bigint }> | null = load(BigInt(rows[0].lo), blocks);
  while (next) {
    const chunk: Chunk & { end: bigint } = await next;
    blocks = Math.max(1, Math.min(MAX_BLOCKS_PER_CHUNK, Math.round((blocks * CHUNK_ROWS) / Math.max(chunk.refs.length, CHUNK_ROWS / MAX_BLOCKS_PER_CHUNK))));
    next = chunk.end <= last ? load(chunk.end, blocks) : null;
    // A consumer that stops early leaves the prefetch unread: its failure is not an unhandled one.
    next?.catch(() => undefined);
    yield* blocksOf(chunk, stats);
  }
}

async function* blocksOf({ refs, frames }: Chunk, stats: { scanned: number }): AsyncGenerator<StoredEvent[]> {
  if (refs.length === 0) return;
  const byBlock = new Map<string, Ref[]>();
  for (const r of refs) {
    const list = byBlock.get(r.blockId);
    if (list) list.push(r);
    else byBlock.set(r.blockId, [r]);
  }
  const client = await pgPool().connect();
  try {
    for (const block of byBlock.values()) {
      block.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const candidates = block.flatMap((r) => {
        const text = frames.text(r);
        const doc = text === undefined ? undefined : documentsOf(r.source, JSON.parse(text) as Record<string, unknown>).doc;
        const v = doc ? validateEvent(doc) : null;
        if (!v?.ok) return [];
        const row = normalizeEvent(v.event, () => r.id);
        row.id = r.id;
        return [{ ref: r, event: markStoredId(v.event, r.id), row }];
      });
      const detectable = await reconstructParents(client, candidates.map((c) => ({ event: c.event, row: c.row })));
      stats.scanned += block.length;
      yield candidates.flatMap((c, i) => (detectable[i] ? [{ id: c.ref.id, index: c.ref.index, event: markStoredId(detectable[i]!, c.ref.id) }] : []));
    }
  } finally {
    client.release();
  }
}

/** How many stored events fall in the range (for progress against a total). */
export async function countStoredEvents(range: { from: Date; to: Date }): Promise<number> {
  return db().event.count({ where: { timestamp: { gte: range.from, lt: range.to } } });
}
