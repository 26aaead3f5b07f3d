/**
 * bench:ingest's floor: the least any server must do per event to give issue 5's guarantees,
 * measured on the same machine, with the same client and bodies as Vigil. Plain node:http, no
 * Next.js. Per bulk document it does only what no design can skip:
 *   - read the body as it streams (Vigil's ndjsonLines) and JSON.parse each action and document;
 *   - take the event's identity (`_id`, else `event.id`, else a hash of the bytes received);
 *   - store the documents as received, in a block of compressed frames (Vigil's encodeBlock), and
 *     one row per event keyed by that identity (primary key only), a window per transaction;
 *   - answer with one item per document.
 * No authentication, validation, source normalization, columns, other indexes or detection.
 * Not part of Vigil: it exists so the bench can print what this machine allows at all.
 * Env: PORT, DATABASE_URL. Prints "listening" once it serves.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { ndjsonLines } from "../../lib/ingest/bulk/ndjson-lines";
import { encodeBlock } from "../../lib/ingest/store/document-blocks";
import { insertBlock } from "../../lib/ingest/store/copy-events";

const WINDOW = 2000;
const LIMITS = { maxBytes: 2 * 1024 ** 3, maxLineBytes: 1024 ** 2 };
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

/** COPY's text format: backslash, tab and newlines escaped. */
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));

async function storeWindow(ids: string[], docs: Buffer[]): Promise<void> {
  const block = await encodeBlock(docs);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const blockId = await insertBlock(client, block, `"floor_block"`);
    let data = "";
    for (let i = 0; i < ids.length; i++) data += `${copyText(ids[i])}\t${blockId}\t${i}\n`;
    await pipeline(Readable.from([data]), client.query(copyFrom(`COPY "floor_event" ("id", "blockId", "blockSeq") FROM STDIN`)));
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

async function bulk(req: http.IncomingMessage, res: http.ServerResponse) {
  const started = performance.now();
  const items: string[] = [];
  let ids: string[] = [];
  let docs: Buffer[] = [];
  let meta: { _index?: string; _id?: string } | null = null;
  for await (const lines of ndjsonLines(Readable.toWeb(req) as ReadableStream<Uint8Array>, LIMITS)) {
    for (const line of lines) {
      if (line.text.trim() === "") continue;
      if (!meta) {
        const action = JSON.parse(line.text) as Record<string, { _index?: string; _id?: string }>;
        meta = action.create ?? action.index ?? {};
        continue;
      }
      const doc = JSON.parse(line.text) as { event?: { id?: unknown } };
      const id = meta._id ?? (typeof doc.event?.id === "string" ? doc.event.id : `sha256:${createHash("sha256").update(line.bytes).digest("hex")}`);
      items.push(`{"create":{"_index":${JSON.stringify(meta._index ?? "")},"_id":${JSON.stringify(id)},"_version":1,"result":"created","status":201}}`);
      ids.push(id);
      docs.push(line.bytes);
      meta = null;
      if (ids.length === WINDOW) {
        await storeWindow(ids, docs);
        ids = [];
        docs = [];
      }
    }
  }
  if (ids.length) await storeWindow(ids, docs);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(`{"took":${Math.round(performance.now() - started)},"errors":false,"items":[${items.join(",")}]}`);
}

async function main() {
  const setup = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await setup.connect();
  await setup.query(`CREATE TABLE IF NOT EXISTS "floor_block" (LIKE "event_block" INCLUDING ALL)`);
  await setup.query(`CREATE TABLE IF NOT EXISTS "floor_event" ("id" text PRIMARY KEY, "blockId" bigint NOT NULL, "blockSeq" integer NOT NULL)`);
  await setup.end();
  const server = http.createServer((req, res) => {
    if (req.method === "POST" && req.url?.endsWith("/_bulk")) {
      bulk(req, res).catch((err: Error) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(err.message);
      });
    } else {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("floor");
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  // An orderly exit, so that `--cpu-prof` writes its profile.
  process.once("SIGTERM", () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
