/**
 * Stored events as detection saw them, for previews and back-fills: in storage order, one block
 * (an ingest window) at a time, each block's events in time order — the order ingest fed its
 * detector — read back from their compressed documents, normalized and checked as ingest did,
 * with auditd parents reconstructed from the process table and the stored id marked (so a
 * back-filled alert has the dedupe key ingest would have given it).
 */
import { db } from "../../db/client";
import { pgPool } from "../../db/pg-pool";
import { eventDocuments } from "../../events/event-documents";
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

const BATCH = 5000;

/**
 * Yields the events of [from, to) the query may match (by the indexed columns it constrains), a
 * block at a time. `stats.scanned` counts the rows read so far.
 */
export async function* storedEvents(range: { from: Date; to: Date }, query: { ast: Query; categoryOverride: string | null }, stats: { scanned: number }): AsyncGenerator<StoredEvent[]> {
  // $1–$4 are the range and the keyset position below.
  const prefilter = prefilterOf(query.ast, query.categoryOverride, 5);
  let after = { block: "0", seq: -1 };
  let carry: Ref[] = [];
  for (;;) {
    const where = [`"timestamp" >= $1`, `"timestamp" < $2`, `("blockId", "blockSeq") > ($3::bigint, $4::int)`, ...prefilter.sql];
    const { rows } = await pgPool().query<Ref>(
      `SELECT "id", "source", "blockId"::text AS "blockId", "blockSeq", "index", "timestamp" FROM "event"
        WHERE ${where.join(" AND ")} ORDER BY "blockId", "blockSeq" LIMIT ${BATCH}`,
      [range.from.toISOString().slice(0, -1), range.to.toISOString().slice(0, -1), after.block, after.seq, ...prefilter.params],
    );
    const done = rows.length < BATCH;
    const refs = [...carry, ...rows];
    if (rows.length) after = { block: rows[rows.length - 1].blockId, seq: rows[rows.length - 1].blockSeq };
    // The last block may go on in the next page: held back unless this is the end.
    const lastBlock = refs.length ? refs[refs.length - 1].blockId : null;
    carry = done ? [] : refs.filter((r) => r.blockId === lastBlock);
    const ready = done ? refs : refs.filter((r) => r.blockId !== lastBlock);
    if (!done && ready.length === 0 && carry.length >= BATCH * 20) {
      // One enormous block: emitted in pieces rather than held whole.
      yield* blocksOf(carry.splice(0), stats);
      continue;
    }
    yield* blocksOf(ready, stats);
    if (done) return;
  }
}

async function* blocksOf(refs: Ref[], stats: { scanned: number }): AsyncGenerator<StoredEvent[]> {
  if (refs.length === 0) return;
  const docs = await eventDocuments(refs);
  const byBlock = new Map<string, Ref[]>();
  for (const r of refs) byBlock.set(r.blockId, [...(byBlock.get(r.blockId) ?? []), r]);
  const client = await pgPool().connect();
  try {
    for (const block of byBlock.values()) {
      block.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const candidates = block.flatMap((r) => {
        const doc = docs.get(r.id)?.doc;
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
