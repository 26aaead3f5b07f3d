/**
 * Events stored before documents moved into blocks: the migration gives each its own uncompressed
 * block holding the document as received, and they read back as they did.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { migrate, migrationsDir } from "../db/migrate";
import { createTestDatabase } from "../db/test-database";
import { normalizeSource } from "../ingest/normalize/sources";
import { DOCUMENT_REF, eventDocuments } from "./event-documents";

const BLOCKS_MIGRATION = "20261129010000_event_documents_in_blocks";
const fixture = (file: string) => JSON.parse(readFileSync(path.join(__dirname, "../ingest/normalize/sources/fixtures", file), "utf8").split("\n")[1]).doc as Record<string, unknown>;
const s1 = fixture("sentinel-one.ndjson");
const ecs = fixture("elastic-defend.ndjson");
const unreadable = { "@timestamp": "2026-11-28T10:00:00Z", message: "not a Cloud Funnel record" };
let before: string;

beforeAll(async () => {
  // A database as it was before the blocks migration, holding one event of each kind.
  before = mkdtempSync(path.join(os.tmpdir(), "vigil-migrations-"));
  for (const name of readdirSync(migrationsDir())) if (name !== BLOCKS_MIGRATION) cpSync(path.join(migrationsDir(), name), path.join(before, name), { recursive: true });
  const url = await createTestDatabase(before);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = `INSERT INTO "event" ("id", "timestamp", "category", "processName", "source", "doc", "original") VALUES ($1, now(), '{process}', 'kubectl', $2, $3, $4)`;
  await client.query(insert, ["legacy-ecs", "elastic_defend", JSON.stringify(ecs), null]);
  await client.query(insert, ["legacy-s1", "sentinel_one", JSON.stringify(normalizeSource("sentinel_one", s1)), JSON.stringify(s1)]);
  // Stored under a source whose normalizer no longer reads it.
  await client.query(insert, ["legacy-unreadable", "sentinel_one", JSON.stringify(unreadable), null]);
  await client.end();
  expect((await migrate(url)).applied).toEqual([BLOCKS_MIGRATION]);
  process.env.DATABASE_URL = url;
});
afterAll(() => rmSync(before, { recursive: true, force: true }));

describe("events stored before blocks", () => {
  it("read back as received and as ECS (as received when the normalizer no longer reads them), with the executable column filled", async () => {
    const events = await db().event.findMany({ select: { ...DOCUMENT_REF, processExecutable: true }, orderBy: { id: "asc" } });
    const docs = await eventDocuments(events);
    expect(docs.get("legacy-ecs")).toEqual({ doc: ecs, original: null });
    expect(docs.get("legacy-s1")).toEqual({ doc: normalizeSource("sentinel_one", s1), original: s1 });
    expect(docs.get("legacy-unreadable")).toEqual({ doc: unreadable, original: null });
    const executable = (normalizeSource("sentinel_one", s1).process as { executable: string }).executable;
    expect(events.map((e) => [e.id, e.processExecutable])).toEqual([
      ["legacy-ecs", (ecs.process as { executable: string }).executable],
      ["legacy-s1", executable],
      ["legacy-unreadable", null],
    ]);
    expect(await db().eventBlock.findMany({ select: { codec: true, frameDocs: true } })).toEqual([
      { codec: "identity", frameDocs: 1 },
      { codec: "identity", frameDocs: 1 },
      { codec: "identity", frameDocs: 1 },
    ]);
  });
});
