import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";

export const API_KEY_SCOPES = ["ingest", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key; the secret is returned once and only its hash is stored. */
export async function createApiKey(input: { name: string; scopes: ApiKeyScope[]; createdById?: string | null; secret?: string }): Promise<{ id: string; key: string }> {
  const key = input.secret ?? `vgl_${randomBytes(24).toString("base64url")}`;
  const row = await db().apiKey.create({
    data: { name: input.name, prefix: key.slice(0, 8), hash: hashKey(key), scopes: input.scopes, createdById: input.createdById ?? null },
  });
  return { id: row.id, key };
}

/** Finds the live key for a secret, or null. */
export async function verifyApiKey(key: string): Promise<{ id: string; name: string; scopes: string[] } | null> {
  const row = await db().apiKey.findUnique({ where: { hash: hashKey(key) } });
  if (!row || row.revokedAt) return null;
  // Last use is informative; a failure to record it must not fail the request.
  db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return { id: row.id, name: row.name, scopes: row.scopes };
}
