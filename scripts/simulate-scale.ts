/**
 * `npm run simulate:scale` — sizes the scale-out design in docs/scaling.md for a fleet, from costs
 * measured on this machine (bench:ingest and bench:eql), and simulates how hosts spread over
 * partitions when the broker partitions by host.
 *
 *   --hosts 100000 --rate 50            fleet: hosts × events per host per second
 *   --partitions 512 --workers 64       broker partitions (by host) and detection workers
 *   --server-us 66 --pg-us 33            measured CPU per event: Vigil server, PostgreSQL (bench:ingest)
 *   --parse-us 8.7 --detect-us 0.6      measured: JSON.parse and seed-rule detection per event (bench:eql / profile)
 *   --bytes 965                          measured average event size (generated five-source mix)
 *   --stored-bytes 497                   measured table, TOAST and index bytes per stored event (bench:ingest)
 *   --retention-days 30 --utilisation 0.6
 *   --kept-share 0.35                    share of events PostgreSQL keeps (process starts, for trees and alerts)
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";

const { values: v } = parseArgs({
  options: {
    hosts: { type: "string", default: "100000" },
    rate: { type: "string", default: "50" },
    partitions: { type: "string", default: "512" },
    workers: { type: "string", default: "64" },
    "server-us": { type: "string", default: "66" },
    "pg-us": { type: "string", default: "33" },
    "parse-us": { type: "string", default: "8.7" },
    "detect-us": { type: "string", default: "0.6" },
    bytes: { type: "string", default: "965" },
    "stored-bytes": { type: "string", default: "497" },
    "retention-days": { type: "string", default: "30" },
    utilisation: { type: "string", default: "0.6" },
    "kept-share": { type: "string", default: "0.35" },
    "pending-per-host": { type: "string", default: "20" },
    "state-bytes": { type: "string", default: "560" },
  },
});
const n = (k: keyof typeof v) => Number(v[k]);

const hosts = n("hosts");
const rate = n("rate");
const total = hosts * rate;
const util = n("utilisation");
const cores = (usPerEvent: number, eventsPerSec: number) => Math.ceil((eventsPerSec * usPerEvent) / 1e6 / util);
const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
const bytes = (b: number) => {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) {
    b /= 1024;
    i++;
  }
  return `${b.toFixed(1)} ${units[i]}`;
};

// Tier costs, from the measured per-event figures. Ingest keeps HTTP, parsing, validation and
// normalizing (the server's cost less storage and detection); workers parse again and detect;
// writers encode COPY rows; PostgreSQL's own cost is per stored row.
const serverUs = n("server-us");
const ingestUs = serverUs * 0.75;
const workerUs = n("parse-us") + n("detect-us") + 5;
const writerUs = 10;
const pgUs = n("pg-us");

// Hosts → partitions → workers, as the broker assigns them (hash of host id), with skew.
const P = n("partitions");
const W = n("workers");
const perPartition = new Float64Array(P);
for (let h = 0; h < hosts; h++) {
  // Hosts differ: a few are busy (build runners, k8s nodes), most are quiet — lognormal-ish rates around the mean.
  const u = createHash("sha1").update(`host-${h}`).digest();
  const partition = u.readUInt32BE(0) % P;
  const z = (u.readUInt16BE(4) / 65535 + u.readUInt16BE(6) / 65535 + u.readUInt16BE(8) / 65535 - 1.5) * 2;
  perPartition[partition] += rate * Math.exp(0.8 * z - 0.32);
}
const sorted = [...perPartition].sort((a, b) => a - b);
const simulatedTotal = sorted.reduce((a, b) => a + b, 0);
const perWorker = new Float64Array(W);
perPartition.forEach((r, i) => (perWorker[i % W] += r));
const workerMax = Math.max(...perWorker);
const workerMean = simulatedTotal / W;

const kept = total * n("kept-share");
// The row, its index entries, and its share of the window's block of compressed documents.
const perDay = kept * n("stored-bytes") * 86_400;

console.log(`vigil simulate:scale — ${fmt(hosts)} hosts × ${rate} events/s = ${fmt(total)} events/s (${bytes(total * n("bytes"))}/s of JSON)`);
console.log(`  costs per event (measured on the bench machine): server ${serverUs} µs, PostgreSQL ${pgUs} µs, parse ${n("parse-us")} µs, detect ${n("detect-us")} µs; cores sized at ${util * 100} % busy`);
console.log("");
console.log(`  tier                         CPU µs/event   cores    e.g.`);
console.log(`  ingest (HTTP _bulk → broker) ${ingestUs.toFixed(0).padStart(12)} ${String(cores(ingestUs, total)).padStart(7)}    ${Math.ceil(cores(ingestUs, total) / 8)} stateless instances of 8 cores behind the load balancer`);
console.log(`  detection workers            ${workerUs.toFixed(1).padStart(12)} ${String(cores(workerUs, total)).padStart(7)}    ${W} workers, each owns ${P / W} partitions (its hosts' sequence state)`);
console.log(`  writers (COPY encode)        ${String(writerUs).padStart(12)} ${String(cores(writerUs, kept)).padStart(7)}    for the ${n("kept-share") * 100} % of events PostgreSQL keeps`);
console.log(`  PostgreSQL (per stored row)  ${String(pgUs).padStart(12)} ${String(cores(pgUs, kept)).padStart(7)}    ${Math.ceil(cores(pgUs, kept) / 32)} shards of 32 cores, by host hash`);
console.log("");
console.log(`  broker: ${P} partitions by host; ${bytes(total * n("bytes"))}/s in, ×3 replicas = ${bytes(total * n("bytes") * 3)}/s written`);
console.log(`  partition load (simulated host mix): mean ${fmt(simulatedTotal / P)} events/s, p99 ${fmt(sorted[Math.floor(P * 0.99)])}, max ${fmt(sorted[P - 1])} (${(sorted[P - 1] / (simulatedTotal / P)).toFixed(2)}× mean)`);
console.log(`  worker load: mean ${fmt(workerMean)} events/s, max ${fmt(workerMax)} (${(workerMax / workerMean).toFixed(2)}× mean) — each worker needs ${Math.ceil((workerMax * workerUs) / 1e6 / util)} core(s) at the max`);
console.log(`  sequence state: ${n("pending-per-host")} pending sequences per host × ${n("state-bytes")} B = ${bytes((hosts * n("pending-per-host") * n("state-bytes")) / W)} per worker`);
console.log(`  PostgreSQL storage: ${bytes(perDay)}/day kept, ${bytes(perDay * n("retention-days"))} at ${n("retention-days")} days of retention`);
