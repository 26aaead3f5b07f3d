/**
 * A Vigil server for the scripts that test it from outside (crash test, bad-input fuzz): its own
 * embedded PostgreSQL (which outlives server kills), migrations, an ingest API key, and Vigil's
 * server (scripts/serve.ts) over the current build as a child process that can be killed and
 * started again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";
import { buildServer } from "../build-server";

export interface VigilServer {
  base: string;
  apiKey: string;
  databaseUrl: string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown hooks run. */
  kill9(): Promise<void>;
  count(sql: string): Promise<number>;
  /** The server process's resident set size in bytes (Linux), or null when it is not running. */
  rss(): number | null;
  stop(): Promise<void>;
}

const SECRET = "test-script-secret-test-script-secret";

/**
 * `nodeArgs`: flags for the server's node, e.g. the heap limit `npm start` gives it. `databaseUrl`:
 * a second instance on the database of a first one (which owns it; stopping this one leaves it).
 */
export async function startVigilServer(env: Record<string, string> = {}, nodeArgs: string[] = [], databaseUrl?: string): Promise<VigilServer> {
  const database = databaseUrl
    ? { url: databaseUrl, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `vigil-server-${process.pid}-${Date.now()}`, "pg"), ephemeral: true });
  await migrate(database.url);
  // The key is hashed with the server's secret: this process and the server share it.
  process.env.BETTER_AUTH_SECRET = SECRET;
  process.env.DATABASE_URL = database.url;
  const { createApiKey } = await import("../../lib/api-keys/api-keys");
  const { key } = await createApiKey({ name: "test-script", scopes: ["ingest", "read"] });
  const port = await freePort();
  // Bundled once; every (re)start runs the same file.
  const serverBundle = await buildServer();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const server: VigilServer = {
    base,
    apiKey: key,
    databaseUrl: database.url,
    async start() {
      // As npm start runs it: Vigil's server (scripts/serve.ts, bundled) in front of the Next.js build.
      child = spawn(process.execPath, [...nodeArgs, serverBundle, "-p", String(port), "-H", "127.0.0.1"], {
        env: { ...process.env, DATABASE_URL: database.url, BETTER_AUTH_SECRET: SECRET, VIGIL_ENCRYPTION_KEY: "0".repeat(64), NEXT_TELEMETRY_DISABLED: "1", VIGIL_EVENT_RETENTION_DAYS: "0", ...env },
        stdio: ["ignore", "ignore", "inherit"],
      });
      for (let i = 0; i < 240; i++) {
        try {
          if ((await fetch(`${base}/api/health`)).ok) return;
        } catch {
          // not up yet
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error("server did not come up");
    },
    async kill9() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
    async count(sql: string) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>(sql)).rows[0].n);
      } finally {
        await client.end();
      }
    },
    rss() {
      if (!child?.pid || child.exitCode !== null) return null;
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        return kb ? Number(kb[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      await server.kill9();
      await database.stop();
    },
  };
  await server.start();
  return server;
}
