/**
 * Vigil's configuration: every environment variable it reads, parsed and validated in one place.
 * A value that does not parse is an error naming the variable (`npm start` prints them all and
 * stops), never a silent fallback. The README's configuration table lists each one (a test checks).
 */
import { z } from "zod";

const MiB = 1024 ** 2;

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int(`a whole number`).min(min).max(max);
const list = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);
const flag = z.enum(["0", "1", "false", "true"]).transform((v) => v === "1" || v === "true");

export const ZConfig = z.object({
  DATABASE_URL: z.string().url("a postgresql:// URL").optional(),
  PORT: int(1, 65_535).default(3000),
  VIGIL_URL: z.string().url("an http(s) URL such as https://vigil.example").optional(),
  VIGIL_DATA_DIR: z.string().min(1).default(".data"),
  VIGIL_PG_PORT: int(1, 65_535).optional(),
  VIGIL_MIGRATIONS_DIR: z.string().min(1).default("prisma/migrations"),
  VIGIL_ADMIN_PASSWORD: z.string().min(1).optional(),
  VIGIL_BOOTSTRAP_API_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_\-.~+/=]{32,256}$/, "at least 32 characters of letters, digits and - _ . ~ + / = (generate one: openssl rand -base64 32)")
    .refine((k) => new Set(k).size >= 12, "too repetitive to be a secret (generate one: openssl rand -base64 32)")
    .optional(),
  VIGIL_DEMO: flag.default(true),
  VIGIL_REBUILD: flag.default(false),
  /** Set by `npm start` for the server it supervises: it may stop itself to be restarted with a larger heap bound. */
  VIGIL_SUPERVISED: flag.default(false),
  VIGIL_INGEST_MAX_BYTES: int(64).default(10 * MiB),
  VIGIL_BULK_MAX_BYTES: int(1024).default(2 * 1024 ** 3),
  VIGIL_INGEST_MAX_LINE_BYTES: int(64).default(MiB),
  VIGIL_INGEST_MAX_EVENTS: int(1).default(10_000),
  VIGIL_BULK_WINDOW_DOCS: int(1).default(2000),
  VIGIL_BULK_WINDOW_BYTES: int(1024).default(4 * MiB),
  VIGIL_INGEST_MAX_REQUESTS: int(1).default(4),
  VIGIL_INGEST_CONCURRENCY: int(1).default(2),
  VIGIL_INGEST_QUEUE_MS: int(0).default(2000),
  VIGIL_INGEST_MAX_QUEUED: int(0).default(16),
  VIGIL_INGEST_BUFFER_BYTES: int(MiB).default(48 * MiB),
  VIGIL_INGEST_DB_CONNECTIONS: int(1).default(4),
  VIGIL_BODY_IDLE_TIMEOUT_MS: int(100).default(30_000),
  VIGIL_BODY_MIN_BYTES_PER_S: int(0).default(1024),
  VIGIL_HEADERS_TIMEOUT_MS: int(1000).default(20_000),
  VIGIL_REQUEST_TIMEOUT_MS: int(0).default(30 * 60_000),
  VIGIL_EVENT_RETENTION_DAYS: int(0).default(30),
  VIGIL_TICKET_SYNC_INTERVAL_MS: int(0).default(5 * 60_000),
  /** How often rule actions look for new alerts to notify (ms; 0: never). */
  VIGIL_ACTIONS_INTERVAL_MS: int(0).default(15_000),
  /** SMTP server for rule actions by email, e.g. smtp://user:password@mail.example:587. */
  VIGIL_SMTP_URL: z.string().regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL").optional(),
  VIGIL_SMTP_FROM: z.string().default("Vigil <vigil@localhost>"),
  VIGIL_RETENTION_INTERVAL_MS: int(1000).default(3_600_000),
  VIGIL_NODE_ARGS: z.string().default("--max-old-space-size=160 --max-semi-space-size=8"),
  MALLOC_ARENA_MAX: int(1).default(2),
  BETTER_AUTH_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** Older name of BETTER_AUTH_SECRET, still read. */
  VIGIL_SECRET: z.string().min(32, "at least 32 characters").optional(),
  HOSTNAME_BIND: z.string().min(1).optional(),
  VIGIL_ENCRYPTION_KEY: z
    .string()
    .refine((raw) => (/^[0-9a-f]{64}$/i.test(raw) ? true : Buffer.from(raw, "base64").length === 32), "32 bytes: 64 hex characters or base64")
    .optional(),
  VIGIL_SIGNIN_RATE_LIMIT: int(1).default(10),
  VIGIL_TRUSTED_PROXIES: list.default([]),
  VIGIL_CONNECTOR_ALLOWED_HOSTS: list.default([]),
});

export type Config = z.infer<typeof ZConfig>;
export const CONFIG_KEYS = Object.keys(ZConfig.shape) as (keyof Config)[];

/** Thrown when the environment does not parse; the message lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment (`process.env` by default); an empty value counts as unset. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const given: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const v = env[key];
    if (v !== undefined && v !== "") given[key] = v;
  }
  const r = ZConfig.safeParse(given);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return r.data;
}

let cached: { signature: string; config: Config } | null = null;

/**
 * The configuration of this process, parsed on first use and again whenever one of its variables
 * changed (`npm start` sets DATABASE_URL and the secrets once the embedded server is up; tests set
 * limits). Reading the ~35 variables to compare costs microseconds, per request, not per event.
 */
export function config(): Config {
  let signature = "";
  for (const key of CONFIG_KEYS) signature += `${process.env[key] ?? ""}\0`;
  if (!cached || cached.signature !== signature) cached = { signature, config: parseConfig() };
  return cached.config;
}

/** The public base URL (links in tickets, auth cookies). */
export function publicUrl(c: Config = config()): string {
  return (c.VIGIL_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "");
}

/** The server's secret (BETTER_AUTH_SECRET, or its older name) that keys are derived from; `purpose` says what cannot work without it. */
export function serverSecret(purpose: string, c: Config = config()): string {
  const secret = c.BETTER_AUTH_SECRET ?? c.VIGIL_SECRET;
  if (!secret) throw new Error(`BETTER_AUTH_SECRET is not set: ${purpose}`);
  return secret;
}
