/**
 * Retention: events older than the configured age are deleted in the background, in batches.
 * Alerts keep what they need: the events an alert was raised on, and their ancestors (up to ten
 * generations, by entity id, else by host + parent pid + time), so an old alert still shows its
 * source event and the chain of processes that led to it. A window's block of documents goes when
 * no event refers to it any more (a kept event keeps its whole block). One instance at a time
 * deletes (an advisory lock), so several app instances can all run the loop.
 */
import type pg from "pg";
import { pgPool } from "../db/pg-pool";
import { config } from "../config";
import { startPeriodicTask } from "../scheduling/periodic-task";

export const DEFAULT_RETENTION_DAYS = 30;
const LOCK_KEY = 7_104_101; // "vigil retention"

export interface RetentionResult {
  deleted: number;
  kept: number;
  /** Blocks of documents deleted with their last event. */
  blocksDeleted: number;
  /** False when another instance held the lock. */
  ran: boolean;
}

/** The configured age in days (VIGIL_EVENT_RETENTION_DAYS, default 30; 0 turns retention off). */
export function retentionDays(): number {
  return config().VIGIL_EVENT_RETENTION_DAYS;
}

const KEEP = `
  WITH RECURSIVE chain AS (
    SELECT e."id", e."hostName", e."processPpid", e."parentEntityId", e."timestamp", 0 AS depth
      FROM "event" e
     WHERE e."id" IN (SELECT DISTINCT unnest("eventIds") FROM "alert")
    UNION
    SELECT p."id", p."hostName", p."processPpid", p."parentEntityId", p."timestamp", c.depth + 1
      FROM chain c
      JOIN LATERAL (
        SELECT x."id", x."hostName", x."processPpid", x."parentEntityId", x."timestamp" FROM "event" x
         WHERE (c."parentEntityId" IS NOT NULL AND x."processEntityId" = c."parentEntityId")
            OR (c."parentEntityId" IS NULL AND c."processPpid" IS NOT NULL AND x."hostName" = c."hostName" AND x."processPid" = c."processPpid" AND x."timestamp" <= c."timestamp")
         ORDER BY x."timestamp" DESC
         LIMIT 1
      ) p ON true
     WHERE c.depth < 10
  )
  SELECT DISTINCT "id" FROM chain WHERE "timestamp" < $1`;

/** Deletes events older than `cutoff`, except those alerts need; `batch` rows per statement. */
export async function deleteOldEvents(cutoff: Date, batch = 10_000, client?: pg.ClientBase): Promise<RetentionResult> {
  const c = client ?? (await pgPool().connect());
  const cutoffText = cutoff.toISOString().slice(0, -1);
  try {
    const lock = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
    if (!lock.rows[0].ok) return { deleted: 0, kept: 0, blocksDeleted: 0, ran: false };
    try {
      const keep = (await c.query<{ id: string }>(KEEP, [cutoffText])).rows.map((r) => r.id);
      let deleted = 0;
      for (;;) {
        const r = await c.query(
          `DELETE FROM "event" WHERE "id" IN (SELECT "id" FROM "event" WHERE "timestamp" < $1 AND NOT ("id" = ANY($2::text[])) LIMIT $3)`,
          [cutoffText, keep, batch],
        );
        deleted += r.rowCount ?? 0;
        if ((r.rowCount ?? 0) < batch) break;
      }
      // A block is written in the same transaction as its events, so one visible with none is spent.
      const blocks = await c.query(`DELETE FROM "event_block" b WHERE NOT EXISTS (SELECT 1 FROM "event" e WHERE e."blockId" = b."id")`);
      return { deleted, kept: keep.length, blocksDeleted: blocks.rowCount ?? 0, ran: true };
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    if (!client) (c as pg.PoolClient).release();
  }
}

/** Runs retention now and then every `everyMs` (default hourly) in this process; returns a stop function. */
export function startRetentionLoop(everyMs = config().VIGIL_RETENTION_INTERVAL_MS): () => void {
  const days = retentionDays();
  if (days === 0) return () => undefined;
  return startPeriodicTask("retention", everyMs, 10_000, async () => {
    const r = await deleteOldEvents(new Date(Date.now() - days * 86_400_000));
    if (r.ran && r.deleted > 0) console.log(`vigil: retention deleted ${r.deleted} events older than ${days} days (kept ${r.kept} that alerts need)`);
  });
}
