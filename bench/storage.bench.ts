/**
 * `npm run bench:storage` — what PostgreSQL itself can take on this machine, for the storage
 * decisions in docs/scaling.md. The same generated events (five sources mixed, as bench:ingest
 * sends them) are prepared in this process, then COPY'd — windows of 2,000 rows, one transaction
 * each, one connection, as ingest writes — into variants of the event table. Only PostgreSQL's
 * work differs between the lines; the first line (the table as migrated) is the baseline. Rows are
 * encoded as ingest encodes them (binary COPY, copy-binary.ts).
 */
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { binaryCopyData } from "../lib/ingest/store/copy-binary";
import { preparedRows } from "./support/prepared-rows";
import { EVENT_COLUMNS, type EventRow } from "../lib/ingest/store/copy-events";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const WINDOW = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 2);

interface Variant {
  label: string;
  ddl: string[];
  /** The row as written (default: the row ingest writes). */
  row?: (r: EventRow) => EventRow;
  /** Each window's documents also go, compressed, into one row of table "b" (created by ddl). */
  block?: boolean;
}

const LIKE_EVENT = `CREATE TABLE "t" (LIKE "event" INCLUDING DEFAULTS)`;
const VARIANTS: Variant[] = [
  { label: "event table as migrated (pk, 3 b-trees, BRIN; json)", ddl: [`CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`] },
  {
    label: "as migrated, documents never compressed (EXTERNAL)",
    ddl: [`CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`, `ALTER TABLE "t" ALTER "doc" SET STORAGE EXTERNAL, ALTER "original" SET STORAGE EXTERNAL`],
  },
  { label: "primary key and BRIN only", ddl: [LIKE_EVENT, `ALTER TABLE "t" ADD PRIMARY KEY ("id")`, `CREATE INDEX ON "t" USING BRIN ("timestamp")`] },
  { label: "no index at all", ddl: [LIKE_EVENT] },
  { label: "as migrated, UNLOGGED (no WAL; not crash-safe)", ddl: [`CREATE UNLOGGED TABLE "t" (LIKE "event" INCLUDING ALL)`] },
  { label: "as migrated, without the original document", ddl: [`CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`], row: (r) => ({ ...r, originalText: null }) },
  {
    label: "slim row: columns only, no documents",
    ddl: [`CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`, `ALTER TABLE "t" ALTER "doc" DROP NOT NULL`],
    row: (r) => ({ ...r, docText: null as unknown as string, originalText: null }),
  },
  {
    // The layout docs/scaling.md weighs: documents per window, compressed by the server, beside slim rows.
    label: "slim rows + each window's documents in one brotli block",
    ddl: [
      `CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`,
      `ALTER TABLE "t" ALTER "doc" DROP NOT NULL`,
      `CREATE TABLE "b" ("id" bigserial PRIMARY KEY, "docs" bytea NOT NULL)`,
      // Already compressed: PostgreSQL should not try again.
      `ALTER TABLE "b" ALTER "docs" SET STORAGE EXTERNAL`,
    ],
    row: (r) => ({ ...r, docText: null as unknown as string, originalText: null }),
    block: true,
  },
  {
    label: "slim row, primary key only (the least exactly-once needs)",
    ddl: [LIKE_EVENT, `ALTER TABLE "t" ALTER "doc" DROP NOT NULL`, `ALTER TABLE "t" ADD PRIMARY KEY ("id")`],
    row: (r) => ({ ...r, docText: null as unknown as string, originalText: null }),
  },
];

async function main() {
  const db = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-bench-storage-${Date.now()}`), ephemeral: true });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await migrate(db.url);
    await client.connect();
    const events = [...generateLinuxEvents({ count: EVENTS, seed: 9, end: new Date(), sources: "mixed", impersonationRate: 0.002 })];
    const rows = preparedRows(events);
    const bytes = binaryCopyData(rows).byteLength;
    console.log(`vigil bench:storage — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
    console.log(`  ${rows.length} events, ${(bytes / rows.length).toFixed(0)} bytes of binary COPY data per event on average; COPY in windows of ${WINDOW}, one transaction each, one connection, best of ${RUNS} runs`);
    const blocks = documentBlocks(rows);
    let baseline = 0;
    for (const v of VARIANTS) {
      const written = v.row ? rows.map(v.row) : rows;
      const windows: Buffer[] = [];
      for (let i = 0; i < written.length; i += WINDOW) windows.push(binaryCopyData(written.slice(i, i + WINDOW)));
      let rate = 0;
      // Best of RUNS, each on a new table after a checkpoint, so one run does not pay for another's WAL.
      for (let run = 0; run < RUNS; run++) {
        await client.query(`DROP TABLE IF EXISTS "t", "b"`);
        for (const statement of v.ddl) await client.query(statement);
        await client.query("CHECKPOINT");
        const t0 = performance.now();
        for (const [i, data] of windows.entries()) {
          await client.query("BEGIN");
          await pipeline(Readable.from([data]), client.query(copyFrom(`COPY "t" (${EVENT_COLUMNS}) FROM STDIN (FORMAT binary)`)));
          if (v.block) await client.query(`INSERT INTO "b" ("docs") VALUES ($1)`, [blocks.data[i]]);
          await client.query("COMMIT");
        }
        rate = Math.max(rate, written.length / ((performance.now() - t0) / 1000));
      }
      baseline ||= rate;
      console.log(`  ${v.label.padEnd(56)} ${rate.toFixed(0).padStart(7)} rows/s  (${(rate / baseline).toFixed(2)}x)`);
    }
    await client.query(`DROP TABLE IF EXISTS "t", "b"`);
    console.log(
      `  the brotli blocks (quality 0; each row's documents, newline-separated): ${(blocks.raw / rows.length).toFixed(0)} → ${(blocks.compressed / rows.length).toFixed(0)} bytes per event, ` +
        `${blocks.microsPerEvent.toFixed(1)} µs per event to compress — the server's CPU, not counted above`,
    );
  } finally {
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

/** Each window's documents (the ECS text, and the text as received when it differs), newline-separated, brotli-compressed at quality 0. */
function documentBlocks(rows: EventRow[]) {
  const texts: string[] = [];
  for (let i = 0; i < rows.length; i += WINDOW) {
    texts.push(rows.slice(i, i + WINDOW).map((r) => (r.originalText === null ? r.docText : `${r.docText}\n${r.originalText}`)).join("\n"));
  }
  const t0 = performance.now();
  const data = texts.map((t) => brotliCompressSync(Buffer.from(t), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 0 } }));
  const microsPerEvent = ((performance.now() - t0) * 1000) / rows.length;
  return { data, microsPerEvent, raw: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), compressed: data.reduce((n, d) => n + d.byteLength, 0) };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
