/**
 * `npm start`: builds when there is no build, starts PostgreSQL (embedded unless DATABASE_URL is
 * set), applies migrations, creates the first admin, loads demo data into an empty database, then
 * serves Vigil with `next start`. Ctrl-C stops the app and the embedded database cleanly.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { bootstrapAccounts } from "../lib/bootstrap/bootstrap-accounts";
import { authSecret, encryptionKey, resolveDatabase } from "../lib/bootstrap/database-url";
import { loadDemoData } from "../lib/bootstrap/load-demo-data";
import { migrate } from "../lib/db/migrate";

const log = (line: string) => console.log(`[vigil] ${line}`);
const nextBin = path.resolve("node_modules/next/dist/bin/next");
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  if (!existsSync(".next/BUILD_ID") || process.env.VIGIL_REBUILD === "1") {
    log("no build found: running next build");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const { url, embedded } = await resolveDatabase(log);
  process.env.DATABASE_URL = url;
  process.env.BETTER_AUTH_SECRET = authSecret();
  process.env.VIGIL_ENCRYPTION_KEY = encryptionKey();
  const { applied } = await migrate(url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  await bootstrapAccounts(log);
  if (process.env.VIGIL_DEMO !== "0") await loadDemoData(log);
  const { db } = await import("../lib/db/client");
  await db().$disconnect();

  const port = process.env.PORT ?? "3000";
  // A bounded heap: ingest streams, so the server needs little; V8 collects sooner instead of growing (VIGIL_NODE_ARGS overrides).
  const nodeArgs = (process.env.VIGIL_NODE_ARGS ?? "--max-old-space-size=160 --max-semi-space-size=8").split(/\s+/).filter(Boolean);
  const args = [...nodeArgs, nextBin, "start", "-p", port, ...(process.env.HOSTNAME_BIND ? ["-H", process.env.HOSTNAME_BIND] : [])];
  // glibc gives each thread that allocates (libuv's pool, V8's GC helpers) an arena of its own, and
  // freed memory stays in them: two arenas keep the server ~20 MB smaller (MALLOC_ARENA_MAX overrides).
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };
  const server = spawn(process.execPath, args, { stdio: "inherit", env });
  log(`serving on http://localhost:${port}`);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error(`[vigil] ${(err as Error).message}`);
  process.exit(1);
});
