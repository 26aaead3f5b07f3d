import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";

export function dataDir(): string {
  return path.resolve(process.env.VIGIL_DATA_DIR ?? ".data");
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under VIGIL_DATA_DIR/pg. */
export async function resolveDatabase(log: (line: string) => void): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  mkdirSync(dataDir(), { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir(), "pg"), port: Number(process.env.VIGIL_PG_PORT) || undefined, log });
  log(`started embedded PostgreSQL (data in ${path.join(dataDir(), "pg")})`);
  return { url: embedded.url, embedded };
}

/** The secret signing sessions: BETTER_AUTH_SECRET, else one generated once and kept in the data folder. */
export function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  mkdirSync(dataDir(), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** The key encrypting connector credentials: VIGIL_ENCRYPTION_KEY, else one generated once into the data folder. */
export function encryptionKey(): string {
  if (process.env.VIGIL_ENCRYPTION_KEY) return process.env.VIGIL_ENCRYPTION_KEY;
  const file = path.join(dataDir(), "encryption-key");
  mkdirSync(dataDir(), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
