import pg from "pg";
import { config } from "../config";

const cache = globalThis as unknown as { vigilPgPool?: pg.Pool; vigilPgPoolUrl?: string };

/**
 * The `pg` pool for the ingest write path (COPY and multi-row statements Prisma cannot issue),
 * on the same database as the Prisma client. Created on first use.
 */
export function pgPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it, or starts an embedded PostgreSQL)");
  if (!cache.vigilPgPool || cache.vigilPgPoolUrl !== url) {
    void cache.vigilPgPool?.end();
    const pool = new pg.Pool({ connectionString: url, max: config().VIGIL_INGEST_DB_CONNECTIONS });
    // An idle connection dropped by the server (restart, admin command) must not crash the app; the pool replaces it.
    pool.on("error", (err) => console.warn(`vigil: database connection lost: ${err.message}`));
    cache.vigilPgPool = pool;
    cache.vigilPgPoolUrl = url;
  }
  return cache.vigilPgPool;
}

/** Runs `work` in one transaction on one pooled connection: committed if it returns, rolled back if it throws. */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
