/**
 * `npm run bench:ingest` — end to end: starts Vigil (`next start`) on an embedded PostgreSQL,
 * posts generated events as NDJSON batches of 1,000 with an API key, and prints events/s and
 * alerts/s, beside the JSON.parse-only rate of the same batches measured in the same run.
 * Uses an existing build (`npm run build` first when there is none).
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { freePort } from "../lib/db/embedded";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = 1000;
const KEY = "vgl_bench_key";

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

async function main() {
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), `vigil-bench-${Date.now()}`);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOSTNAME_BIND: "127.0.0.1", VIGIL_DATA_DIR: dataDir, VIGIL_DEMO: "0", VIGIL_BOOTSTRAP_API_KEY: KEY, VIGIL_ADMIN_PASSWORD: "bench-password", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000);
    const end = new Date();
    const lines = [...generateLinuxEvents({ count: EVENTS, seed: 9, end })].map((e) => JSON.stringify(e));
    const bodies: string[] = [];
    for (let i = 0; i < lines.length; i += BATCH) bodies.push(lines.slice(i, i + BATCH).join("\n"));

    let t0 = performance.now();
    for (const body of bodies) for (const line of body.split("\n")) JSON.parse(line);
    const parseRate = EVENTS / ((performance.now() - t0) / 1000);

    // Warm-up batch (JIT, connections), not counted.
    await post(port, bodies[0]);
    t0 = performance.now();
    let accepted = 0;
    let alerts = 0;
    for (const body of bodies.slice(1)) {
      const r = await post(port, body);
      accepted += r.accepted;
      alerts += r.alerts_created;
    }
    const secs = (performance.now() - t0) / 1000;
    console.log(`vigil bench:ingest — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
    console.log(`  POST /api/v1/events, NDJSON batches of ${BATCH}, one client, server and PostgreSQL on this machine`);
    console.log(`  end to end: ${(accepted / secs).toFixed(0)} events/s, ${(alerts / secs).toFixed(1)} alerts/s (${accepted} events, ${alerts} alerts in ${secs.toFixed(1)} s)`);
    console.log(`  JSON.parse only, same batches: ${parseRate.toFixed(0)} events/s — end to end is ${((accepted / secs / parseRate) * 100).toFixed(1)} % of it   (target >= 5,000 events/s)`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

async function post(port: number, body: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${KEY}`, "content-type": "application/x-ndjson" },
    body,
  });
  if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accepted: number; alerts_created: number };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
