import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { config } from "../config";

export function dataDir(): string {
  return path.resolve(config().VIGIL_DATA_DIR);
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under VIGIL_DATA_DIR/pg. */
export async function resolveDatabase(log: (line: string) => void): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const c = config();
  if (c.DATABASE_URL) return { url: c.DATABASE_URL, embedded: null };
  mkdirSync(dataDir(), { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir(), "pg"), port: c.VIGIL_PG_PORT, log });
  log(`started embedded PostgreSQL (data in ${path.join(dataDir(), "pg")})`);
  return { url: embedded.url, embedded };
}

/**
 * For commands beside a running app: DATABASE_URL, else the embedded PostgreSQL `npm start` runs,
 * else the embedded one started for the command (stopped by the caller).
 */
export async function commandDatabase(log: (line: string) => void): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  const c = config();
  if (c.DATABASE_URL) return { url: c.DATABASE_URL, embedded: null };
  const running = runningEmbeddedUrl(path.join(dataDir(), "pg"));
  if (running) return { url: running, embedded: null };
  return resolveDatabase(log);
}

/** The secret signing sessions: BETTER_AUTH_SECRET, else one generated once and kept in the data folder. */
export function authSecret(): string {
  const given = config().BETTER_AUTH_SECRET ?? config().VIGIL_SECRET;
  if (given) return given;
  const file = path.join(dataDir(), "auth-secret");
  mkdirSync(dataDir(), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** The key encrypting connector credentials: VIGIL_ENCRYPTION_KEY, else one generated once into the data folder. */
export function encryptionKey(): string {
  const given = config().VIGIL_ENCRYPTION_KEY;
  if (given) return given;
  const file = path.join(dataDir(), "encryption-key");
  mkdirSync(dataDir(), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
