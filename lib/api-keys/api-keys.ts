import { createHash, createHmac, randomBytes } from "node:crypto";
import { serverSecret } from "../config";
import { db } from "../db/client";

export const API_KEY_SCOPES = ["ingest", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Keys are stored as HMAC-SHA256 under a key derived from the server's secret, so a copy of the
 * table (a backup, a replica) does not let anyone test guesses offline without the secret too.
 */
function hashKey(key: string): string {
  const derived = createHmac("sha256", serverSecret("API keys cannot be hashed")).update("vigil api-key hash v1").digest();
  return createHmac("sha256", derived).update(key).digest("hex");
}

/** How keys made by older Vigils were stored (unkeyed SHA-256); such a row is re-hashed on its first use. */
const legacyHash = (key: string) => createHash("sha256").update(key).digest("hex");

/** A new secret: 192 random bits. */
export const generateApiKey = () => `vgl_${randomBytes(24).toString("base64url")}`;

/** Creates a key; the secret is returned once and only its hash is stored. Only the bootstrap key is given, not generated. */
export async function createApiKey(input: { name: string; scopes: ApiKeyScope[]; createdById?: string | null; secret?: string }): Promise<{ id: string; key: string }> {
  const key = input.secret ?? generateApiKey();
  const row = await db().apiKey.create({
    data: { name: input.name, prefix: key.slice(0, 8), hash: hashKey(key), scopes: input.scopes, createdById: input.createdById ?? null },
  });
  return { id: row.id, key };
}

/** Finds the live key for a secret, or null. */
export async function verifyApiKey(key: string): Promise<{ id: string; name: string; scopes: string[] } | null> {
  const hash = hashKey(key);
  let row = await db().apiKey.findUnique({ where: { hash } });
  if (!row) {
    const legacy = await db().apiKey.findUnique({ where: { hash: legacyHash(key) } });
    if (legacy) row = await db().apiKey.update({ where: { id: legacy.id }, data: { hash } });
  }
  if (!row || row.revokedAt) return null;
  // Last use is informative; a failure to record it must not fail the request.
  db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return { id: row.id, name: row.name, scopes: row.scopes };
}
