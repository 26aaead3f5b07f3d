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
import { preparedRows, preparedWindows } from "./support/prepared-rows";
import { EVENT_COLUMNS, insertBlock } from "../lib/ingest/store/copy-events";
import { FRAME_DOCS } from "../lib/ingest/store/document-blocks";
import { recordResults } from "./support/results";

recordResults("storage");

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const WINDOW = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 2);

interface Variant {
  label: string;
  ddl: string[];
  /** Each window's block of documents goes into table "b" (default: yes, as ingest writes). */
  block?: boolean;
}

const LIKE_EVENT = `CREATE TABLE "t" (LIKE "event" INCLUDING DEFAULTS)`;
const AS_MIGRATED = [`CREATE TABLE "t" (LIKE "event" INCLUDING ALL)`];
const VARIANTS: Variant[] = [
  { label: "as migrated (pk, 4 b-trees, BRIN) + the window's block", ddl: AS_MIGRATED },
  { label: "as migrated, rows only (no documents stored)", ddl: AS_MIGRATED, block: false },
  { label: "primary key and BRIN only + block", ddl: [LIKE_EVENT, `ALTER TABLE "t" ADD PRIMARY KEY ("id")`, `CREATE INDEX ON "t" USING BRIN ("timestamp")`] },
  { label: "no index at all + block", ddl: [LIKE_EVENT] },
  { label: "as migrated, UNLOGGED (no WAL; not crash-safe) + block", ddl: [`CREATE UNLOGGED TABLE "t" (LIKE "event" INCLUDING ALL)`] },
  { label: "rows with a primary key only, no documents (the least exactly-once needs)", ddl: [LIKE_EVENT, `ALTER TABLE "t" ADD PRIMARY KEY ("id")`], block: false },
];

async function main() {
  const db = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-bench-storage-${Date.now()}`), ephemeral: true });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await migrate(db.url);
    await client.connect();
    const events = [...generateLinuxEvents({ count: EVENTS, seed: 9, end: new Date(), sources: "mixed", impersonationRate: 0.002 })];
    const rows = preparedRows(events);
    await preparedWindows(rows.slice(0, WINDOW), WINDOW); // warm-up: compiled code and zlib's pool
    const cpu0 = process.cpuUsage();
    const prepared = await preparedWindows(rows, WINDOW);
    const cpu = process.cpuUsage(cpu0);
    // CPU of every thread: compression runs in zlib's pool.
    const compressMicros = (cpu.user + cpu.system) / rows.length;
    // Block ids are the same in every variant: each run's "b" starts at 1.
    const windows = prepared.map((w, i) => ({ copy: binaryCopyData(w.rows, BigInt(i + 1)), block: w.block }));
    const copyBytes = windows.reduce((n, w) => n + w.copy.byteLength, 0);
    const received = rows.reduce((n, r) => n + Buffer.byteLength(r.received), 0);
    const compressed = windows.reduce((n, w) => n + w.block.docs.byteLength, 0);
    console.log(`vigil bench:storage — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
    console.log(
      `  ${rows.length} events; per event ${(copyBytes / rows.length).toFixed(0)} bytes of binary COPY data for the row, ${(received / rows.length).toFixed(0)} bytes of document compressed to ${(compressed / rows.length).toFixed(0)} ` +
        `(brotli frames of ${FRAME_DOCS}, ${compressMicros.toFixed(1)} µs of the server's CPU per event, not counted below); windows of ${WINDOW}, one transaction each, one connection, best of ${RUNS} runs`,
    );
    let baseline = 0;
    for (const v of VARIANTS) {
      let rate = 0;
      // Best of RUNS, each on new tables after a checkpoint, so one run does not pay for another's WAL.
      for (let run = 0; run < RUNS; run++) {
        await client.query(`DROP TABLE IF EXISTS "t", "b"`);
        for (const statement of v.ddl) await client.query(statement);
        await client.query(`CREATE TABLE "b" (LIKE "event_block" INCLUDING ALL)`);
        await client.query(`CREATE SEQUENCE "b_id" OWNED BY "b"."id"`);
        await client.query(`ALTER TABLE "b" ALTER "id" SET DEFAULT nextval('b_id')`);
        await client.query("CHECKPOINT");
        const t0 = performance.now();
        for (const w of windows) {
          await client.query("BEGIN");
          if (v.block !== false) {
            await insertBlock(client, w.block, `"b"`);
          }
          await pipeline(Readable.from([w.copy]), client.query(copyFrom(`COPY "t" (${EVENT_COLUMNS}) FROM STDIN (FORMAT binary)`)));
          await client.query("COMMIT");
        }
        rate = Math.max(rate, rows.length / ((performance.now() - t0) / 1000));
      }
      baseline ||= rate;
      console.log(`  ${v.label.padEnd(74)} ${rate.toFixed(0).padStart(7)} rows/s  (${(rate / baseline).toFixed(2)}x)`);
    }
    await client.query(`DROP TABLE IF EXISTS "t", "b"`);
  } finally {
    await client.end().catch(() => undefined);
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
