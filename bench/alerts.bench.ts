/**
 * `npm run bench:alerts` — seeds 100,000 alerts into an embedded PostgreSQL, then times the alert
 * list API (`GET /api/v1/alerts` through a running `next start`) for first pages, filtered pages
 * and deep keyset pages, printing p50 and p95. Baseline in the same run: the same first page read
 * with OFFSET pagination deep in the list, which keyset pagination avoids.
 * Then an exception's preview over open alerts (as before saving it, and as "close matching
 * alerts" does), in-process: alerts carrying their source events, against the same alerts without
 * them (as created before 2026-12-01), whose events are read back from their blocks, one
 * compressed frame per alert.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { db as prisma } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { previewException } from "../lib/exceptions/exception-impact";
import { insertBlock } from "../lib/ingest/store/copy-events";
import { encodeBlock, FRAME_DOCS } from "../lib/ingest/store/document-blocks";
import { recordResults } from "./support/results";

recordResults("alerts");

const ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PREVIEW_ALERTS = Number(process.env.BENCH_PREVIEW_ALERTS ?? 5000);
const KEY = "vgl_bench_key_5b2e9c71d04a8f36e1c7";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const base = Date.now() - 30 * 86_400_000;
  const hosts = Array.from({ length: 200 }, (_, i) => `node-${i}`);
  const users = Array.from({ length: 50 }, (_, i) => `user-${i}`);
  for (let start = 0; start < ALERTS; start += 5000) {
    const rows: unknown[] = [];
    const values: string[] = [];
    for (let i = start; i < Math.min(ALERTS, start + 5000); i++) {
      const t = new Date(base + i * 25_000);
      const o = rows.length;
      values.push(`($${o + 1}::uuid, $${o + 2}, '3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d', 'Potential Impersonation Attempt via Kubectl', 'low', 21, '[]', ARRAY[$${o + 3}], $${o + 4}, $${o + 5}, $${o + 6}, 'kubectl', $${o + 7}, '[]', $${o + 8}, $${o + 4}, $${o + 4})`);
      rows.push(randomUUID(), `bench:${i}`, `e${i}`, t, hosts[i % hosts.length], users[i % users.length], `kubectl get secrets --as=user-${i % 97}`, ["open", "acknowledged", "closed"][i % 3]);
    }
    await client.query(
      `INSERT INTO "alert" (id, "dedupeKey", "ruleId", "ruleName", severity, "riskScore", threat, "eventIds", "eventTimestamp", "hostName", "userName", "processName", "commandLine", explanation, status, "createdAt", "updatedAt") VALUES ${values.join(",")}`,
      rows,
    );
  }
  await client.query("ANALYZE");
  await client.query(`INSERT INTO "api_key" (id, name, prefix, hash, scopes) VALUES ($1, 'bench', 'vgl_benc', encode(sha256($2::bytea), 'hex'), ARRAY['read'])`, [randomUUID(), KEY]);
  await client.end();
}

/**
 * PREVIEW_ALERTS open alerts of one rule carrying their source events, and as many of another rule
 * without them, each alert's event in a frame of its own (as alerts are sparse among events); the
 * preview of an exception (user.name is root) timed over each set, best of 3.
 */
async function previewOverOpenAlerts(url: string) {
  process.env.DATABASE_URL = url;
  const texts = [...generateLinuxEvents({ count: 2000, seed: 5, end: new Date(), sources: "elastic_defend" })].map((e) => JSON.stringify(e));
  const block = await encodeBlock(texts);
  const framesPerBlock = Math.ceil(texts.length / FRAME_DOCS);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const legacy: unknown[][] = [];
    const carried: unknown[][] = [];
    let blockId = 0n;
    for (let j = 0; j < PREVIEW_ALERTS; j++) {
      if (j % framesPerBlock === 0) blockId = await insertBlock(client, block);
      const seq = (j % framesPerBlock) * FRAME_DOCS + (j % 97);
      const doc = JSON.parse(texts[seq]) as { user?: { name?: string } };
      await client.query(`INSERT INTO "event" ("id", "timestamp", "category", "source", "blockId", "blockSeq") VALUES ($1, now() - interval '30 days', '{process}', 'elastic_defend', $2, $3)`, [`pv-${j}`, String(blockId), seq]);
      legacy.push([randomUUID(), `pv-legacy:${j}`, "bench-legacy", [`pv-${j}`], doc.user?.name ?? null, null]);
      carried.push([randomUUID(), `pv-carried:${j}`, "bench-carried", [`pv-${j}`], doc.user?.name ?? null, JSON.stringify([doc])]);
    }
    for (const row of [...legacy, ...carried]) {
      await client.query(
        `INSERT INTO "alert" (id, "dedupeKey", "ruleId", "ruleName", severity, "riskScore", threat, "eventIds", "eventTimestamp", "userName", explanation, "sourceEvents", "updatedAt")
         VALUES ($1, $2, $3, 'bench', 'low', 21, '[]', $4, now(), $5, '[]', $6::jsonb, now())`,
        row,
      );
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  const root = [{ field: "user.name", operator: "is" as const, values: ["root"], caseInsensitive: false }];
  const best = async (ruleId: string) => {
    let ms = Infinity;
    let matched = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      matched = (await previewException(ruleId, root, 1)).open_alerts_matched;
      ms = Math.min(ms, performance.now() - t);
    }
    return { ms, matched };
  };
  let withEvents: Awaited<ReturnType<typeof best>>;
  let fromBlocks: Awaited<ReturnType<typeof best>>;
  try {
    withEvents = await best("bench-carried");
    fromBlocks = await best("bench-legacy");
  } finally {
    await prisma().$disconnect();
  }
  if (withEvents.matched !== fromBlocks.matched) throw new Error(`previews disagree: ${withEvents.matched} against ${fromBlocks.matched}`);
  console.log(`  exception preview over ${PREVIEW_ALERTS} open alerts (${withEvents.matched} match), in-process, best of 3:`);
  console.log(`    source events carried by the alerts      ${withEvents.ms.toFixed(0)} ms`);
  console.log(`    baseline: events read from their blocks  ${fromBlocks.ms.toFixed(0)} ms   (ratio ${(fromBlocks.ms / withEvents.ms).toFixed(1)}x)`);
}

async function time(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `ApiKey ${KEY}` } });
  await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function main() {
  const db = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-bench-alerts-${Date.now()}`), ephemeral: true });
  const port = await freePort();
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: db.url, BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await migrate(db.url);
    const t0 = performance.now();
    await seed(db.url);
    console.log(`vigil bench:alerts — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
    console.log(`  seeded ${ALERTS} alerts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const api = `http://127.0.0.1:${port}/api/v1/alerts`;
    for (let i = 0; i < 100; i++) {
      try {
        await time(`${api}?limit=1`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    for (let i = 0; i < 20; i++) await time(`${api}?limit=50`);
    const scenarios: [string, () => string][] = [
      ["first page, newest first", () => `${api}?limit=50`],
      ["filtered: status + host", () => `${api}?limit=50&status=open&host=node-${Math.floor(Math.random() * 200)}`],
      ["text in command line", () => `${api}?limit=50&q=--as%3Duser-${Math.floor(Math.random() * 97)}`],
      ["sorted by event time ascending", () => `${api}?limit=50&sort=event_time&order=asc`],
      ["sorted by risk score, highest first", () => `${api}?limit=50&sort=risk_score&order=desc`],
    ];
    for (const [label, make] of scenarios) {
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) ms.push(await time(make()));
      console.log(`  ${label.padEnd(36)} p50 ${pct(ms, 50).toFixed(1)} ms   p95 ${pct(ms, 95).toFixed(1)} ms`);
    }
    // Deep pages: follow next_cursor 100 pages in, then time the next pages.
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res: { next_cursor: string | null } = await (await fetch(`${api}?limit=50${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `ApiKey ${KEY}` } })).json();
      cursor = res.next_cursor;
    }
    const deep: number[] = [];
    for (let i = 0; i < SAMPLES; i++) deep.push(await time(`${api}?limit=50&cursor=${cursor}`));
    console.log(`  ${"page 101 by keyset cursor".padEnd(36)} p50 ${pct(deep, 50).toFixed(1)} ms   p95 ${pct(deep, 95).toFixed(1)} ms   (target p95 < 100 ms)`);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const offset: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await client.query(`SELECT * FROM "alert" ORDER BY "createdAt" DESC, id DESC LIMIT 50 OFFSET ${Math.floor(ALERTS * 0.9)}`);
      offset.push(performance.now() - t);
    }
    await client.end();
    console.log(`  baseline: OFFSET ${Math.floor(ALERTS * 0.9)} page, SQL only    p50 ${pct(offset, 50).toFixed(1)} ms   p95 ${pct(offset, 95).toFixed(1)} ms`);
    await previewOverOpenAlerts(db.url);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
