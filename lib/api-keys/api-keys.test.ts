/** Finding 12: API keys are generated with 192 bits, stored as a keyed hash, and old unkeyed hashes are upgraded. */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { withEnv } from "../test-support/with-env";
import { createApiKey, verifyApiKey } from "./api-keys";

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
});

describe("API keys", () => {
  it("are generated server-side with at least 128 bits and stored as a hash keyed by the server's secret", async () => {
    const { id, key } = await createApiKey({ name: "k", scopes: ["read"] });
    expect(key).toMatch(/^vgl_[A-Za-z0-9_-]{32}$/); // 24 random bytes
    const row = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.hash).not.toBe(createHash("sha256").update(key).digest("hex"));
    expect(await verifyApiKey(key)).toMatchObject({ id });
    // Another secret, another hash: the table alone does not verify a guess.
    await withEnv({ BETTER_AUTH_SECRET: "another-secret-another-secret-another" }, async () => expect(await verifyApiKey(key)).toBeNull());
  });

  it("upgrade a key stored by an older Vigil (unkeyed SHA-256) on its first use", async () => {
    const key = "vgl_legacy_key_made_before_keyed_hashes_00";
    const row = await db().apiKey.create({ data: { name: "old", prefix: key.slice(0, 8), hash: createHash("sha256").update(key).digest("hex"), scopes: ["ingest"] } });
    expect(await verifyApiKey(key)).toMatchObject({ id: row.id });
    const after = await db().apiKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.hash).not.toBe(row.hash);
    expect(await verifyApiKey(key)).toMatchObject({ id: row.id });
  });

  it("refuse a short or repetitive bootstrap key at start", () => {
    for (const weak of ["vgl_e2e_bootstrap_key", "x".repeat(40), "changeme"]) {
      expect(() => parseConfig({ VIGIL_BOOTSTRAP_API_KEY: weak }), weak).toThrow(/VIGIL_BOOTSTRAP_API_KEY/);
    }
    expect(parseConfig({ VIGIL_BOOTSTRAP_API_KEY: "q1W7e0Rt5Yu9Io3Pa8Sd2Fg6Hj4Kl" + "Zx" + "Cv" }).VIGIL_BOOTSTRAP_API_KEY).toBeDefined();
  });
});
