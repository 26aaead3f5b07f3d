/**
 * `npm run test:crash` — exactly-once under crashes. Starts PostgreSQL and Vigil's server (`next
 * start`, as built), streams generated events from the five sources through /es/_bulk with several
 * shippers (each owns a set of hosts and sends them in order, as one Beat per host does), and kills
 * the server with SIGKILL while requests are in flight — several times — and lets some requests
 * time out on the client's side. Each shipper re-sends every batch that was not acknowledged, as
 * Beats do. At the end the events and
 * alerts stored must equal the generator's ground truth: none lost, none doubled.
 *
 * Ground truth for alerts is computed apart from the server: each event normalized, auditd parents
 * filled from the events before it, and the seed rule evaluated by the naive reference evaluator.
 *
 * Options: --events N (default 20000), --kills K (default 3), --shippers S (default 3), --batch B (default 500).
 */
import { parseArgs } from "node:util";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { indexFor } from "../lib/demo/source-shapes";
import { matchesNaive } from "../lib/eql/naive";
import { normalizeSource, sniffSource } from "../lib/ingest/normalize/sources";
import { compileRule, kubectlImpersonationRule } from "../lib/rules";
import { startVigilServer } from "./support/vigil-server";

const { values } = parseArgs({
  options: { events: { type: "string", default: "20000" }, kills: { type: "string", default: "3" }, shippers: { type: "string", default: "3" }, batch: { type: "string", default: "500" } },
});
const EVENTS = Number(values.events);
const KILLS = Number(values.kills);
const SHIPPERS = Number(values.shippers);
const BATCH = Number(values.batch);

type Doc = Record<string, unknown> & { host?: { name?: string } };
const log = (line: string) => console.log(`crash-test: ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The events, with half of Elastic Defend's stripped of event.id so their identity is a content hash. */
function generate(): Doc[] {
  const events = [...generateLinuxEvents({ count: EVENTS, seed: 42, end: new Date(), sources: "mixed", impersonationRate: 0.002 })] as Doc[];
  events.forEach((e, i) => {
    if (i % 2 === 0 && sniffSource(e) === "elastic_defend") delete (e.event as Record<string, unknown>).id;
  });
  return events;
}

/** Alerts due: the seed rule on each normalized event, auditd parents filled from earlier events on the host. */
function expectedAlerts(events: Doc[]): number {
  const { ast } = compileRule(kubectlImpersonationRule());
  const latest = new Map<string, { name?: unknown; executable?: unknown }>();
  let due = 0;
  for (const raw of events) {
    const e = structuredClone(normalizeSource(sniffSource(raw), raw)) as Doc & { process?: Record<string, unknown> & { parent?: Record<string, unknown> }; event?: { category?: string[] } };
    const host = e.host?.name;
    const parent = e.process?.parent;
    if (parent && parent.name === undefined && parent.executable === undefined) {
      const p = latest.get(`${host}/${parent.pid}`);
      if (p) Object.assign(parent, { name: p.name, executable: p.executable });
    }
    if (matchesNaive(ast, e)) due++;
    if (e.event?.category?.includes("process") && e.process?.pid !== undefined) latest.set(`${host}/${e.process.pid}`, { name: e.process.name, executable: e.process.executable });
  }
  return due;
}

function bulkBody(batch: Doc[]): string {
  return batch.map((e) => {
    return `${JSON.stringify({ create: { _index: indexFor(sniffSource(e)) } })}\n${JSON.stringify(e)}\n`;
  }).join("");
}

async function main() {
  const server = await startVigilServer();
  const { base, apiKey: key } = server;
  const events = generate();
  const due = expectedAlerts(events);
  // One shipper per group of hosts; each sends its hosts' events in time order.
  const hosts = [...new Set(events.map((e) => e.host?.name ?? ""))];
  const queues: Doc[][][] = Array.from({ length: SHIPPERS }, () => []);
  const byShipper = Array.from({ length: SHIPPERS }, (_, s) => events.filter((e) => hosts.indexOf(e.host?.name ?? "") % SHIPPERS === s));
  byShipper.forEach((list, s) => {
    for (let i = 0; i < list.length; i += BATCH) queues[s].push(list.slice(i, i + BATCH));
  });
  const totalBatches = queues.reduce((n, q) => n + q.length, 0);

  log(`${EVENTS} events from the five sources (${due} alerts due) in ${totalBatches} bulk requests by ${SHIPPERS} shippers; ${KILLS} SIGKILLs planned`);

  let acked = 0;
  let resent = 0;
  let conflicts = 0;
  let kills = 0;
  const killAt = Array.from({ length: KILLS }, (_, k) => Math.floor(((k + 1) * totalBatches) / (KILLS + 1)));
  const shipper = async (queue: Doc[][]) => {
    for (const batch of queue) {
      const body = bulkBody(batch);
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) resent++;
        try {
          // A fifth of first attempts time out early on the client's side, as a slow network makes Beats do:
          // the server may still store them, and the re-send must not store them twice.
          const timeout = attempt === 0 && Math.random() < 0.2 ? 20 + Math.random() * 400 : 60_000;
          const res = await fetch(`${base}/es/_bulk`, {
            method: "POST",
            headers: { authorization: `ApiKey ${key}`, "content-type": "application/x-ndjson" },
            body,
            signal: AbortSignal.timeout(timeout),
          });
          if (res.status === 429) {
            await sleep(Number(res.headers.get("retry-after") ?? 1) * 1000);
            continue;
          }
          const out = (await res.json()) as { items?: Record<string, { status: number }>[] };
          const statuses = (out.items ?? []).map((i) => Object.values(i)[0].status);
          // Acknowledged: every item stored now (201) or before (409, a re-send after a crash).
          if (res.ok && statuses.length === batch.length && statuses.every((s) => s === 201 || s === 409)) {
            conflicts += statuses.filter((s) => s === 409).length;
            break;
          }
          throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith("unexpected answer")) throw err;
          await sleep(200); // timed out, or connection refused or reset (the server is down): re-send
        }
      }
      acked++;
    }
  };
  const killer = async () => {
    while (kills < KILLS) {
      if (acked >= killAt[kills]) {
        await server.kill9();
        kills++;
        log(`SIGKILL ${kills} after ${acked} acknowledged requests, with requests in flight; restarting`);
        await server.start();
      }
      await sleep(20);
    }
  };
  await Promise.all([...queues.map(shipper), killer()]);

  const stored = await server.count(`SELECT count(*) AS n FROM "event"`);
  const alerts = await server.count(`SELECT count(*) AS n FROM "alert"`);
  const alertEvents = await server.count(`SELECT count(DISTINCT "eventIds"[1]) AS n FROM "alert"`);
  await server.stop();

  log(`re-sent ${resent} requests after ${kills} kills; ${conflicts} re-sent events had been stored before the timeout or kill (answered 409, not stored again)`);
  log(`events stored ${stored} (sent ${EVENTS}); alerts ${alerts} (due ${due}), on ${alertEvents} distinct events`);
  const ok = stored === EVENTS && alerts === due && alertEvents === due && kills === KILLS;
  log(ok ? "PASS — none lost, none doubled" : "FAIL");
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
