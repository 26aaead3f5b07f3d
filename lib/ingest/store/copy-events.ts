/**
 * store: events go to PostgreSQL with COPY, inside the caller's transaction, straight into the
 * table. When the batch holds an id stored before (a retry after a timeout or a crash), that COPY
 * fails on the primary key and is redone through a staging table with INSERT … ON CONFLICT DO
 * NOTHING, which skips the known ids. The common case pays for one COPY; a retry for two. Rows
 * travel in COPY's binary format (copy-binary.ts).
 * Returns the ids stored now.
 */
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { BinaryCopyWriter } from "./copy-binary";

/** One event row as stored: the columns the app filters and joins on, and the documents as JSON text. */
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
  /** The ECS document as JSON text. */
  docText: string;
  source: string;
  /** The document as received, as JSON text, when normalizing changed it. */
  originalText: string | null;
}

const COLUMNS = ["id", "timestamp", "hostName", "hostId", "userName", "category", "action", "processPid", "processPpid", "processEntityId", "parentEntityId", "processName", "commandLine", "doc", "source", "original"];
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(", ");
/** The column list COPY lines follow (for tools that copy rows themselves, e.g. the benchmark). */
export const EVENT_COLUMNS = COLUMN_LIST;

/** COPY … FROM STDIN in the binary format (copy-binary.ts), in chunks of 512 rows. */
async function copyInto(client: pg.ClientBase, table: string, rows: EventRow[]): Promise<void> {
  const CHUNK = 512;
  function* chunks() {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const w = new BinaryCopyWriter(Math.min(CHUNK, rows.length - i) * 2048 + 64, i === 0);
      for (let j = i; j < Math.min(i + CHUNK, rows.length); j++) w.add(rows[j]);
      yield w.finish(i + CHUNK >= rows.length);
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${COLUMN_LIST}) FROM STDIN (FORMAT binary)`)));
}

/** Stores the rows not stored before; returns the ids stored now. */
export async function copyEvents(client: pg.ClientBase, rows: EventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  await client.query("SAVEPOINT copy_events");
  try {
    await copyInto(client, `"event"`, rows);
    await client.query("RELEASE SAVEPOINT copy_events");
    return new Set(rows.map((r) => r.id));
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
    await client.query("ROLLBACK TO SAVEPOINT copy_events");
  }
  // Per connection; created inside the caller's transaction, so a rollback cannot leave it half made.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS event_in (LIKE "event" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await copyInto(client, "event_in", rows);
  const inserted = await client.query<{ id: string }>(`INSERT INTO "event" (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM event_in ON CONFLICT ("id") DO NOTHING RETURNING "id"`);
  await client.query("TRUNCATE event_in");
  return new Set(inserted.rows.map((r) => r.id));
}
