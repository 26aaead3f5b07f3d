/**
 * `npm start`: builds when there is no build, starts PostgreSQL (embedded unless DATABASE_URL is
 * set), applies migrations, creates the first admin, loads demo data into an empty database, then
 * serves Vigil (scripts/serve.ts), supervised: a server that dies is started again. Ctrl-C stops
 * the app and the embedded database cleanly.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { bootstrapAccounts } from "../lib/bootstrap/bootstrap-accounts";
import { authSecret, encryptionKey, resolveDatabase } from "../lib/bootstrap/database-url";
import { loadDemoData } from "../lib/bootstrap/load-demo-data";
import { config } from "../lib/config";
import { migrate } from "../lib/db/migrate";
import { buildServer } from "./build-server";
import { catalogueSize, withRuleHeap } from "../lib/bootstrap/server-heap";
import { supervise } from "./support/supervise";

const log = (line: string) => console.log(`[vigil] ${line}`);
const nextBin = path.resolve("node_modules/next/dist/bin/next");
process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  // Every variable checked before anything starts: a bad one stops here with its name.
  const settings = config();
  if (!existsSync(".next/BUILD_ID") || settings.VIGIL_REBUILD) {
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
  const { installBuiltinRules } = await import("../lib/rules/catalog/install-builtin-rules");
  const { db: prisma } = await import("../lib/db/client");
  await installBuiltinRules(prisma());
  if (settings.VIGIL_DEMO) await loadDemoData(log);
  const { db } = await import("../lib/db/client");
  await db().$disconnect();

  // Read again: the database URL and the secrets are known now.
  const c = config();
  const port = String(c.PORT);
  // A bounded heap: ingest streams, so the server needs little; V8 collects sooner instead of growing
  // (VIGIL_NODE_ARGS overrides). The bound grows with the rule catalogue, read again at every start.
  const serveScript = await buildServer();
  const argsNow = async () => [...withRuleHeap(c.VIGIL_NODE_ARGS, await catalogueSize(url)), serveScript, "-p", port, ...(c.HOSTNAME_BIND ? ["-H", c.HOSTNAME_BIND] : [])];
  // glibc gives each thread that allocates (libuv's pool, V8's GC helpers) an arena of its own, and
  // freed memory stays in them: two arenas keep the server ~20 MB smaller (MALLOC_ARENA_MAX overrides).
  const env = { ...process.env, MALLOC_ARENA_MAX: String(c.MALLOC_ARENA_MAX), VIGIL_SUPERVISED: "1" };
  // The server is supervised: if it dies (a bug, the kernel's OOM killer), it is started again, and
  // the embedded PostgreSQL keeps running; Ctrl-C or SIGTERM stops both.
  const server = supervise(async () => spawn(process.execPath, await argsNow(), { stdio: "inherit", env }), { log });
  log(`serving on http://localhost:${port}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  console.error(`[vigil] ${(err as Error).message}`);
  process.exit(1);
});
