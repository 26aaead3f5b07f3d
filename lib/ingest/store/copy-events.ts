/**
 * store: a window's events go to PostgreSQL inside the caller's transaction — their documents, as
 * received, as one block of compressed frames (document-blocks.ts), and one row per event with the
 * columns the app filters and joins on, COPY'd straight into the table. When the window holds an
 * id stored before (a retry after a timeout or a crash), that COPY fails on the primary key and is
 * redone through a staging table with INSERT … ON CONFLICT DO NOTHING, which skips the known ids.
 * The common case pays for one COPY; a retry for two. Rows travel in COPY's binary format
 * (copy-binary.ts). Returns the ids stored now.
 */
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { BinaryCopyWriter } from "./copy-binary";
import { encodeBlock, type DocumentBlock } from "./document-blocks";

/** One event as stored: the columns, and the document's JSON text or bytes as received (it goes into the block). */
export interface EventRow {
  id: string;
  timestamp: Date;
  hostName: string | null;
  hostId: string | null;
  userName: string | null;
  category: string[];
  action: string | null;
  processPid: number | null;
  processPpid: number | null;
  processEntityId: string | null;
  parentEntityId: string | null;
  processName: string | null;
  commandLine: string | null;
  processExecutable: string | null;
  source: string;
  /** The index or data stream it was shipped to; null: none named (visible to every rule). */
  index: string | null;
  received: string | Uint8Array;
}

const COLUMNS = ["id", "timestamp", "hostName", "hostId", "userName", "category", "action", "processPid", "processPpid", "processEntityId", "parentEntityId", "processName", "commandLine", "source", "processExecutable", "index", "blockId", "blockSeq"];
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(", ");
/** The column list COPY lines follow (for tools that copy rows themselves, e.g. the benchmark). */
export const EVENT_COLUMNS = COLUMN_LIST;

/** The block's row (in `table`, a copy of event_block for benchmarks); returns its id. */
export async function insertBlock(client: pg.ClientBase, block: DocumentBlock, table = `"event_block"`): Promise<bigint> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO ${table} ("codec", "frameDocs", "frames", "docs") VALUES ($1, $2, $3, $4) RETURNING "id"`, [
    block.codec,
    block.frameDocs,
    block.frames,
    block.docs,
  ]);
  return BigInt(rows[0].id);
}

/** COPY … FROM STDIN in the binary format (copy-binary.ts), in chunks of 512 rows. */
async function copyInto(client: pg.ClientBase, table: string, rows: EventRow[], blockId: bigint): Promise<void> {
  const CHUNK = 512;
  function* chunks() {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const w = new BinaryCopyWriter(Math.min(CHUNK, rows.length - i) * 512 + 64, i === 0);
      for (let j = i; j < Math.min(i + CHUNK, rows.length); j++) w.add(rows[j], blockId, j);
      yield w.finish(i + CHUNK >= rows.length);
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${COLUMN_LIST}) FROM STDIN (FORMAT binary)`)));
}

/**
 * Stores the rows not stored before; returns the ids stored now. `block` holds the rows' documents
 * in order (encodeBlock of their `received` texts; the caller may have started it earlier).
 */
export async function copyEvents(client: pg.ClientBase, rows: EventRow[], block?: DocumentBlock): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const blockId = await insertBlock(client, block ?? (await encodeBlock(rows.map((r) => r.received))));
  await client.query("SAVEPOINT copy_events");
  try {
    await copyInto(client, `"event"`, rows, blockId);
    await client.query("RELEASE SAVEPOINT copy_events");
    return new Set(rows.map((r) => r.id));
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    await client.query("ROLLBACK TO SAVEPOINT copy_events");
  }
  // Per connection; created inside the caller's transaction, so a rollback cannot leave it half made.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS event_in (LIKE "event" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await copyInto(client, "event_in", rows, blockId);
  const inserted = await client.query<{ id: string }>(`INSERT INTO "event" (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM event_in ON CONFLICT ("id") DO NOTHING RETURNING "id"`);
  await client.query("TRUNCATE event_in");
  // Every event known already: no row refers to the block.
  if (inserted.rows.length === 0) await client.query(`DELETE FROM "event_block" WHERE "id" = $1`, [String(blockId)]);
  return new Set(inserted.rows.map((r) => r.id));
}
