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
    let baseline = 0;
    for (const v of VARIANTS) {
      const written = v.row ? rows.map(v.row) : rows;
      const windows: Buffer[] = [];
      for (let i = 0; i < written.length; i += WINDOW) windows.push(binaryCopyData(written.slice(i, i + WINDOW)));
      let rate = 0;
      // Best of RUNS, each on a new table after a checkpoint, so one run does not pay for another's WAL.
      for (let run = 0; run < RUNS; run++) {
        await client.query(`DROP TABLE IF EXISTS "t"`);
        for (const statement of v.ddl) await client.query(statement);
        await client.query("CHECKPOINT");
        const t0 = performance.now();
        for (const data of windows) {
          await client.query("BEGIN");
          await pipeline(Readable.from([data]), client.query(copyFrom(`COPY "t" (${EVENT_COLUMNS}) FROM STDIN (FORMAT binary)`)));
          await client.query("COMMIT");
        }
        rate = Math.max(rate, written.length / ((performance.now() - t0) / 1000));
      }
      baseline ||= rate;
      console.log(`  ${v.label.padEnd(56)} ${rate.toFixed(0).padStart(7)} rows/s  (${(rate / baseline).toFixed(2)}x)`);
    }
    await client.query(`DROP TABLE IF EXISTS "t"`);
  } finally {
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
