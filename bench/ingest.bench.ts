/**
 * `npm run bench:ingest` — end to end through Elasticsearch's bulk API, as Beats and Elastic Agent
 * send: starts Vigil (`next start`) on an embedded PostgreSQL, then
 *   1. one streamed 1 GB body on the fresh server, sampling the server's resident memory as it goes;
 *   2. the parse ceiling: JSON.parse of every line of the bulk bodies below, in this process;
 *   3. sustained: generated events from the five sources (each to its own index) posted to
 *      /es/_bulk in bodies of 1,600 (Beats' default bulk_max_size) by several concurrent clients,
 *      in rounds of fresh events (BENCH_ROUNDS, default 3), the median round reported. Each
 *      round's bodies then go to the floor (support/floor-server.ts: only the work no design can
 *      skip), so the two are compared in the same period of this VM;
 *   4. PostgreSQL alone: the same rows COPY'd into a copy of the event table, for the storage ceiling.
 * Uses an existing build (`npm run build` first when there is none). BENCH_SERVER_STDOUT=1 shows the
 * server's output (with VIGIL_NODE_ARGS="… --trace-gc", its collections).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { closeSync, fdatasyncSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { indexFor } from "../lib/demo/source-shapes";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { sniffSource } from "../lib/ingest/normalize/sources";
import { binaryCopyData } from "../lib/ingest/store/copy-binary";
import { preparedRows, preparedWindows } from "./support/prepared-rows";
import { EVENT_COLUMNS, insertBlock } from "../lib/ingest/store/copy-events";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { bundleForNode } from "./support/bundle.mjs";
import { recordResults } from "./support/results";

recordResults("ingest");

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 1600;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STREAM_BYTES = Number(process.env.BENCH_STREAM_BYTES ?? 1024 ** 3);
const KEY = "vgl_bench_key_5b2e9c71d04a8f36e1c7";

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** The processes below `root` (children, grandchildren, …) whose command line matches, from /proc. */
function descendants(root: number, match: (cmd: string) => boolean): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        if (match(readFileSync(`/proc/${child}/cmdline`, "utf8"))) out.push(child);
      } catch {
        // gone
      }
      walk(child);
    }
  };
  walk(root);
  return out;
}

const readOr = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};

/** Resident memory (bytes) of the largest Node process under `root` (the Next server). */
function serverRss(root: number): number {
  const sizes = descendants(root, (cmd) => cmd.includes("next")).map((pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`))?.[1] ?? 0) * 1024);
  return Math.max(0, ...sizes);
}

/**
 * CPU seconds used so far by these processes, counting their children that have exited too
 * (PostgreSQL's backends end when the pool closes an idle connection; their time then moves to
 * the postmaster's children's time).
 */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readOr(`/proc/${pid}/stat`);
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (f.length > 14) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / 100;
}

function bulkLines(events: Record<string, unknown>[], idPrefix?: string): string[] {
  const lines: string[] = [];
  events.forEach((e, i) => {
    const index = indexFor(sniffSource(e));
    lines.push(JSON.stringify({ create: idPrefix ? { _index: index, _id: `${idPrefix}${i}` } : { _index: index } }), JSON.stringify(e));
  });
  return lines;
}

/** Bulk request bodies of BATCH events each, encoded once. */
function bodiesOf(lines: string[]): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < lines.length; i += 2 * BATCH) bodies.push(Buffer.from(lines.slice(i, i + 2 * BATCH).join("\n") + "\n"));
  return bodies;
}

/**
 * One bulk request over a kept-alive connection, with the body already encoded: the client shares
 * the machine's two cores with the server and PostgreSQL, so it should cost as little as a
 * shipper on another host would cost us (fetch with a string body cost ~16 µs per event).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function postBulk(port: number, body: Buffer | string, attempt = 1, encoding?: "gzip"): Promise<number> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/es/_bulk",
        method: "POST",
        agent,
        headers: { authorization: `ApiKey ${KEY}`, "content-type": "application/x-ndjson", "content-length": bytes.byteLength, ...(encoding ? { "content-encoding": encoding } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          // Busy or restarting (a server that outgrew its heap bound restarts itself): wait and re-send, as shippers do.
          if ((res.statusCode === 429 || res.statusCode === 503) && attempt < 120) return void setTimeout(() => postBulk(port, bytes, attempt + 1, encoding).then(resolve, reject), 500);
          if (res.statusCode !== 200) return reject(new Error(`bulk failed: ${res.statusCode} ${text}`));
          const out = JSON.parse(text) as { items: Record<string, { status: number }>[] };
          resolve(out.items.filter((i) => Object.values(i)[0].status === 201).length);
        });
      },
    );
    req.on("error", (err) => {
      // A kept-alive connection the server closed while idle, or a server restarting: re-send, as
      // shippers do (bulk is idempotent here), for up to a minute.
      if (attempt < 120) setTimeout(() => postBulk(port, bytes, attempt + 1, encoding).then(resolve, reject), attempt < 3 ? 0 : 500);
      else reject(err);
    });
    req.end(bytes);
  });
}

/** A bulk endpoint under test and the CPU seconds its server has used. */
interface Target {
  port: number;
  serverCpu: () => number;
}

/**
 * The floor server (bench/support/floor-server.ts) on the bench's database, as a process of its
 * own with Vigil's heap flags, bundled as Next.js bundles Vigil's server code (tsx's per-file
 * transform would add its own cost to the floor's).
 */
async function startFloor(databaseUrl: string): Promise<Target & { process: ChildProcess }> {
  const port = await freePort();
  const bundle = await bundleForNode("bench/support/floor-server.ts");
  const child = spawn(process.execPath, ["--max-old-space-size=160", "--max-semi-space-size=8", bundle], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(`http://127.0.0.1:${port}/`, 60_000);
  return { port, process: child, serverCpu: () => cpuSeconds([child.pid!]) };
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
  await client.end();
  return Number(rows[0].n);
}

/** Alerts created plus matches over the rule's cap (counted per rule window). */
async function matches(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(`SELECT coalesce(sum("created" + "suppressed"), 0) AS n FROM "rule_window"`);
  await client.end();
  return Number(rows[0].n);
}

async function main() {
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), `vigil-bench-${Date.now()}`);
  // The bench owns the database (so it can count rows); the server is told where it is.
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), ephemeral: true });
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      VIGIL_DATA_DIR: dataDir,
      VIGIL_DEMO: "0",
      VIGIL_BOOTSTRAP_API_KEY: KEY,
      VIGIL_ADMIN_PASSWORD: "bench-password",
      DATABASE_URL: database.url,
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    },
    stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? "inherit" : "ignore", "inherit"],
  });
  let floorProcess: ChildProcess | undefined;
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000);
    console.log(`vigil bench:ingest — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
    // The streamed body first, on a fresh server: its memory is what the limit is about.
    const before = await count(database.url, "event");
    await streamBig(port, server.pid!);
    console.log(`  events stored by the streamed body: ${(await count(database.url, "event")) - before}`);

    const events = [...generateLinuxEvents({ count: EVENTS, seed: 9, end: new Date(), sources: "mixed", impersonationRate: 0.002 })];
    const lines = bulkLines(events);
    const bodies = bodiesOf(lines);
    const bytes = bodies.reduce((n, b) => n + b.byteLength, 0);

    const texts = bodies.map((b) => b.toString("utf8"));
    const t0 = performance.now();
    for (const body of texts) for (const line of body.split("\n")) if (line) JSON.parse(line);
    const parseRate = EVENTS / ((performance.now() - t0) / 1000);

    // Warm-up (JIT, connections), not counted: a separate set of events.
    const warm = bulkLines([...generateLinuxEvents({ count: 5 * BATCH, seed: 10, end: new Date(), sources: "mixed" })]);
    for (const body of bodiesOf(warm)) await postBulk(port, body);
    const postgresCpu = () => cpuSeconds(descendants(process.pid, (c) => c.includes("postgres")));
    const clientCpu = () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
    const vigil: Target = { port, serverCpu: () => cpuSeconds(descendants(server.pid!, (c) => c.includes("next"))) };
    const floor = await startFloor(database.url);
    floorProcess = floor.process;

    /** One sustained round: `roundBodies` posted to `target` by CLIENTS concurrent clients; rate, CPU and bytes written per event. */
    const round = async (roundBodies: Buffer[], target: Target, encoding?: "gzip") => {
      const alertsBefore = await count(database.url, "alert");
      const matchesBefore = await matches(database.url);
      const written0 = await writtenBytes(database.url);
      const cpu0 = { server: target.serverCpu(), postgres: postgresCpu(), client: clientCpu() };
      const start = performance.now();
      let next = 0;
      let created = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < roundBodies.length) {
            // Awaited first: `created += await …` would read `created` before the wait and lose other clients' counts.
            const n = await postBulk(target.port, roundBodies[next++], 1, encoding);
            created += n;
          }
        }),
      );
      const secs = (performance.now() - start) / 1000;
      const cpu1 = { server: target.serverCpu(), postgres: postgresCpu(), client: clientCpu() };
      const written1 = await writtenBytes(database.url);
      if (created !== EVENTS) throw new Error(`expected ${EVENTS} events created, got ${created}`);
      const perEvent = (k: "server" | "postgres" | "client") => ((cpu1[k] - cpu0[k]) / created) * 1e6;
      return {
        rate: created / secs,
        secs,
        created,
        alerts: (await count(database.url, "alert")) - alertsBefore,
        matched: (await matches(database.url)) - matchesBefore,
        server: perEvent("server"),
        postgres: perEvent("postgres"),
        client: perEvent("client"),
        wal: (written1.wal - written0.wal) / created,
        table: (written1.table - written0.table) / created,
      };
    };
    const cpuLine = (x: Awaited<ReturnType<typeof round>>) => `server ${x.server.toFixed(0)} µs, PostgreSQL ${x.postgres.toFixed(0)} µs, client ${x.client.toFixed(0)} µs`;
    const medianOf = <T extends { rate: number }>(xs: T[]) => [...xs].sort((a, b) => a.rate - b.rate)[Math.floor(xs.length / 2)];

    // Warm-up of the floor too, on its own events.
    for (const body of bodiesOf(bulkLines([...generateLinuxEvents({ count: 5 * BATCH, seed: 12, end: new Date(), sources: "mixed" })]))) await postBulk(floor.port, body);

    // Rounds of fresh events (this VM's speed drifts by ±20 % from minute to minute): the median is
    // reported. Each round's bodies go to Vigil, then to the floor, so the two see the same period.
    console.log(`  POST /es/_bulk, ${BATCH} events per request, ${CLIENTS} concurrent clients, five sources mixed; server, PostgreSQL and client on this machine`);
    const rounds: Awaited<ReturnType<typeof round>>[] = [];
    const floorRounds: Awaited<ReturnType<typeof round>>[] = [];
    const gzipRounds: Awaited<ReturnType<typeof round>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const roundBodies = r === 0 ? bodies : bodiesOf(bulkLines([...generateLinuxEvents({ count: EVENTS, seed: 100 + r, end: new Date(), sources: "mixed", impersonationRate: 0.002 })]));
      const x = await round(roundBodies, vigil);
      rounds.push(x);
      console.log(`  round ${r + 1}: ${x.rate.toFixed(0)} events/s; CPU per event: ${cpuLine(x)}`);
      const f = await round(roundBodies, floor);
      floorRounds.push(f);
      console.log(`           floor, same bodies: ${f.rate.toFixed(0)} events/s; CPU per event: ${cpuLine(f)}`);
      // The same number of fresh events, gzip'd at level 1 as Beats and Elastic Agent send them (compressed before the clock starts).
      const gz = bodiesOf(bulkLines([...generateLinuxEvents({ count: EVENTS, seed: 200 + r, end: new Date(), sources: "mixed", impersonationRate: 0.002 })])).map((b) => gzipSync(b, { level: 1 }));
      const g = await round(gz, vigil, "gzip");
      gzipRounds.push(g);
      console.log(`           gzip'd bodies (level 1, ${((gz.reduce((n, b) => n + b.byteLength, 0) / bytes) * 100).toFixed(0)} % of the bytes): ${g.rate.toFixed(0)} events/s; CPU per event: ${cpuLine(g)}`);
    }
    const median = medianOf(rounds);
    const floorMedian = medianOf(floorRounds);
    const { rate, secs, created, alerts, matched } = median;
    console.log(
      `  sustained (median of ${ROUNDS} rounds): ${rate.toFixed(0)} events/s, ${(matched / secs).toFixed(1)} rule matches/s (${created} events, ${matched} matches: ${alerts} alerts, the rest over the rule's cap of 100 per 5 minutes; ${(bytes / 1024 ** 2).toFixed(0)} MB in ${secs.toFixed(1)} s)   (target >= 50,000 events/s)`,
    );
    console.log(`  JSON.parse only, same bulk lines, one core: ${parseRate.toFixed(0)} events/s — end to end is ${((rate / parseRate) * 100).toFixed(1)} % of it (ratio ${(rate / parseRate).toFixed(2)})`);
    console.log(
      `  the floor (bench/support/floor-server.ts: streamed parse, identity, compressed block and a primary-key row per event, nothing else), median of ${ROUNDS} rounds: ${floorMedian.rate.toFixed(0)} events/s — Vigil is ${((rate / floorMedian.rate) * 100).toFixed(0)} % of it (ratio ${(rate / floorMedian.rate).toFixed(2)})`,
    );
    const gzipMedian = medianOf(gzipRounds);
    console.log(`  gzip'd bodies (Beats' default), median of ${ROUNDS} rounds: ${gzipMedian.rate.toFixed(0)} events/s — ${((gzipMedian.rate / rate) * 100).toFixed(0)} % of the plain rate in the same run (ratio ${(gzipMedian.rate / rate).toFixed(2)}); server CPU per event ${gzipMedian.server.toFixed(0)} µs vs ${median.server.toFixed(0)} µs plain`);
    console.log(`  CPU per event in the median rounds: Vigil ${cpuLine(median)}; floor ${cpuLine(floorMedian)}`);
    const cores = os.cpus().length;
    const allCpu = (x: typeof median) => x.server + x.postgres + x.client;
    const bound = (x: typeof median) => `${allCpu(x).toFixed(0)} µs per event for server, PostgreSQL and client together, so at most ${((cores * 1e6) / allCpu(x)).toFixed(0)} events/s with all ${cores} cores busy`;
    console.log(`  Vigil: ${bound(median)}; floor: ${bound(floorMedian)} (50,000 events/s leaves ${((cores * 1e6) / 50_000).toFixed(0)} µs per event)`);
    console.log(`  server RSS after the sustained rounds: ${(serverRss(server.pid!) / 1024 ** 2).toFixed(0)} MB`);
    const wal = rounds.reduce((n, x) => n + x.wal, 0) / rounds.length;
    const table = rounds.reduce((n, x) => n + x.table, 0) / rounds.length;
    console.log(`  bytes PostgreSQL writes per event: ${wal.toFixed(0)} of WAL, ${table.toFixed(0)} of table, TOAST and indexes`);
    const disk = syncedWriteRate(dataDir);
    console.log(
      `  this disk, synced writes: ${(disk / 1024 ** 2).toFixed(0)} MB/s — at ${(wal + table).toFixed(0)} bytes per event, a ceiling of ${(disk / (wal + table)).toFixed(0)} events/s for any CPU`,
    );
    await copyCeiling(database.url, events);

    // Every production rule of Elastic's corpus enabled (imported as an analyst would), the same rounds again.
    const importStarted = performance.now();
    const { enabled, imported } = await enableCorpusRules(database.url);
    console.log(`  imported ${imported} rules of the detection-rules corpus in ${((performance.now() - importStarted) / 1000).toFixed(1)} s; enabled ${enabled} production rules (with the seed rule)`);
    for (const body of bodiesOf(bulkLines([...generateLinuxEvents({ count: 5 * BATCH, seed: 13, end: new Date(), sources: "mixed" })]))) await postBulk(port, body);
    const allRounds: Awaited<ReturnType<typeof round>>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const x = await round(bodiesOf(bulkLines([...generateLinuxEvents({ count: EVENTS, seed: 300 + r, end: new Date(), sources: "mixed", impersonationRate: 0.002 })])), vigil);
      allRounds.push(x);
      console.log(`  all rules, round ${r + 1}: ${x.rate.toFixed(0)} events/s, ${x.alerts} alerts, ${x.matched} matches; CPU per event: ${cpuLine(x)}`);
    }
    const all = medianOf(allRounds);
    console.log(
      `  all ${enabled} production rules enabled, median of ${ROUNDS} rounds: ${all.rate.toFixed(0)} events/s — ${((all.rate / rate) * 100).toFixed(0)} % of the seed-rule-only rate in the same run (ratio ${(all.rate / rate).toFixed(2)}; target >= 0.80); server CPU per event ${all.server.toFixed(0)} µs vs ${median.server.toFixed(0)} µs`,
    );
  } finally {
    floorProcess?.kill("SIGTERM");
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await database.stop();
  }
}

/** Imports the detection-rules corpus into the catalogue and enables its production rules; the running server picks them up at its next window. */
async function enableCorpusRules(url: string): Promise<{ imported: number; enabled: number }> {
  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/db/client");
  const { importRuleFiles } = await import("../lib/rules/import/import-rules");
  const { ruleFilesOfPaths } = await import("../lib/rules/import/rule-files");
  const { sharedCorpus } = await import("../lib/corpus/shared-corpus");
  const { files } = await ruleFilesOfPaths([sharedCorpus("detection-rules")]);
  const result = await importRuleFiles(db(), files);
  const enabled = await db().$executeRaw`UPDATE "rule" SET "enabled" = true WHERE "status" = 'ok' AND ("origin" = 'builtin' OR "definition"->>'maturity' = 'production')`;
  await db().$disconnect();
  return { imported: result.imported, enabled };
}

/** WAL written so far and the size of the event table with its TOAST and indexes. */
async function writtenBytes(url: string): Promise<{ wal: number; table: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ wal: string; table: string }>(`SELECT (SELECT wal_bytes FROM pg_stat_wal)::text AS wal, pg_total_relation_size('"event"')::text AS "table"`);
  await client.end();
  return { wal: Number(rows[0].wal), table: Number(rows[0].table) };
}

/** Bytes per second this disk takes when they must be on it (256 MB written in the folder holding the database, then fdatasync). */
function syncedWriteRate(dir: string): number {
  const file = path.join(dir, "bench-disk-probe");
  const block = Buffer.alloc(4 * 1024 ** 2, 1);
  const t0 = performance.now();
  const fd = openSync(file, "w");
  try {
    for (let i = 0; i < 64; i++) writeSync(fd, block);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return (64 * block.byteLength) / ((performance.now() - t0) / 1000);
}

/**
 * PostgreSQL's own ceiling for the same events: rows and their windows' blocks of documents
 * prepared in this process beforehand, then the block's INSERT and the rows' COPY alone (windows of
 * 2,000, one transaction each, one connection) into a copy of the event table with the same
 * indexes — no HTTP, parsing, compression or detection.
 */
async function copyCeiling(url: string, events: Record<string, unknown>[]) {
  const rows = preparedRows(events).map((r) => ({ ...r, id: `ceiling-${r.id}` }));
  const windows = await preparedWindows(rows, 2000);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE "event_ceiling" (LIKE "event" INCLUDING ALL)`);
  const blockIds: string[] = [];
  const t0 = performance.now();
  for (const w of windows) {
    await client.query("BEGIN");
    const blockId = await insertBlock(client, w.block);
    blockIds.push(String(blockId));
    await pipeline(Readable.from([binaryCopyData(w.rows, blockId)]), client.query(copyFrom(`COPY "event_ceiling" (${EVENT_COLUMNS}) FROM STDIN (FORMAT binary)`)));
    await client.query("COMMIT");
  }
  const secs = (performance.now() - t0) / 1000;
  await client.query(`DROP TABLE "event_ceiling"`);
  await client.query(`DELETE FROM "event_block" WHERE "id" = ANY($1::bigint[])`, [blockIds]);
  await client.end();
  console.log(
    `  PostgreSQL alone, same rows: each window's block of documents inserted and its rows COPY'd into a copy of the event table (same indexes), one connection: ${(rows.length / secs).toFixed(0)} rows/s — the storage ceiling for end to end`,
  );
}

/** One request with a body of STREAM_BYTES, generated while it is sent; the server's RSS sampled every 100 ms. */
async function streamBig(port: number, root: number) {
  const pool = [...generateLinuxEvents({ count: 20_000, seed: 11, end: new Date(), sources: "mixed", impersonationRate: 0.002 })].map((e) => {
    return { index: indexFor(sniffSource(e)), doc: JSON.stringify(e) };
  });
  let sent = 0;
  let n = 0;
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= STREAM_BYTES) return controller.close();
      let chunk = "";
      while (chunk.length < 1024 * 1024) {
        const { index, doc } = pool[n % pool.length];
        chunk += `{"create":{"_index":"${index}","_id":"big-${n}"}}\n${doc}\n`;
        n++;
      }
      const bytes = enc.encode(chunk);
      sent += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
  const baseline = serverRss(root);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRss(root))), 100);
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/es/_bulk`, {
    method: "POST",
    headers: { authorization: `ApiKey ${KEY}`, "content-type": "application/x-ndjson" },
    body,
    duplex: "half",
  } as RequestInit);
  // Count created items as the response streams (it can be hundreds of MB).
  let created = 0;
  let carry = "";
  const dec = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const text = carry + dec.decode(chunk, { stream: true });
    created += text.split('"status":201').length - 1;
    carry = text.slice(-16);
    if (carry.includes('"status":201')) carry = "";
  }
  clearInterval(sampler);
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `  one streamed body of ${(sent / 1024 ** 3).toFixed(2)} GB (${n} events): HTTP ${res.status}, ${created} created in ${secs.toFixed(1)} s (${(created / secs).toFixed(0)} events/s); ` +
      `server RSS ${(baseline / 1024 ** 2).toFixed(0)} MB before, peak ${(peak / 1024 ** 2).toFixed(0)} MB   (target < 300 MB)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
