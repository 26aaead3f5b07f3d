/**
 * The rules that run at ingest: the catalogue's enabled rules whose queries compile. Each window
 * asks `syncRules()` first; it reads the catalogue's generation (one row, bumped by a trigger on
 * every change that alters detection), and when another instance or this one changed the rules,
 * it compiles what changed (unchanged rules come from a cache, so they keep their compiled query),
 * builds a new detector beside the running one and swaps it in. Sequence rules whose query did
 * not change keep their matcher, and with it the sequences in flight.
 */
import v8 from "node:v8";
import { pgPool } from "../db/pg-pool";
import { config } from "../config";
import { HEAP_KB_PER_RULE } from "../bootstrap/server-heap";
import { compileRule, type CompiledRule, type TRule } from "../rules";
import { builtinRules } from "../rules/builtin-rules";
import { ruleOfRow, type RuleAsRun } from "../rules/catalog/rule-record";
import { Detector } from "./detector";

interface LiveRules {
  url: string;
  generation: string;
  rules: CompiledRule[];
  detector: Detector;
  /**
   * Compiled queries by what compilation reads (query text and engine options), so a rule whose
   * query did not change keeps its compiled query (and a sequence rule its matcher) when its
   * metadata or overrides change.
   */
  compiled: Map<string, CompiledRule>;
  syncing: Promise<Detector> | null;
  installed: Promise<void> | null;
}

const cache = globalThis as unknown as { vigilLiveRules?: LiveRules };

function live(): LiveRules {
  const url = process.env.DATABASE_URL ?? "";
  if (!cache.vigilLiveRules || cache.vigilLiveRules.url !== url) {
    cache.vigilLiveRules = { url, generation: "", rules: [], detector: new Detector([]), compiled: new Map(), syncing: null, installed: null };
  }
  return cache.vigilLiveRules;
}

/** The rules the current detector runs (as of the last sync). */
export function activeRules(): CompiledRule[] {
  return live().rules;
}

/** The current ingest detector (as of the last sync; `syncRules` first to be current). */
export function ingestDetector(): Detector {
  return live().detector;
}

/** Brings the ingest detector up to date with the catalogue; cheap (one one-row read) when nothing changed. */
export function syncRules(): Promise<Detector> {
  const l = live();
  l.syncing ??= refresh(l).finally(() => {
    l.syncing = null;
  });
  return l.syncing;
}

/**
 * The built-in rules are in the catalogue (`npm start` installs them; a bare server or a test
 * database installs them here, through Prisma). The check and the reads below use the ingest
 * pool, so a server that only ingests never loads Prisma's client (~40 MB of RSS).
 */
async function ensureBuiltins(): Promise<void> {
  const rules = builtinRules();
  const { rows } = await pgPool().query<{ ruleId: string; version: number }>(`SELECT "ruleId", "version" FROM "rule" WHERE "ruleId" = ANY($1::text[])`, [rules.map((r) => r.id)]);
  const stored = new Map(rows.map((r) => [r.ruleId, r.version]));
  if (rules.every((r) => (stored.get(r.id) ?? 0) >= r.version)) return;
  const [{ db }, { installBuiltinRules }] = await Promise.all([import("../db/client"), import("../rules/catalog/install-builtin-rules")]);
  await installBuiltinRules(db());
}

async function refresh(l: LiveRules): Promise<Detector> {
  l.installed ??= ensureBuiltins().catch((err) => {
    l.installed = null;
    throw err;
  });
  await l.installed;
  const { rows } = await pgPool().query<{ generation: string }>(`SELECT "generation"::text AS "generation" FROM "rule_catalog" WHERE "id" = 1`);
  const generation = rows[0]?.generation ?? "0";
  if (generation === l.generation) return l.detector;
  const { rows: stored } = await pgPool().query<RuleAsRun>(
    `SELECT "definition", "severityOverride", "riskScoreOverride", "suppression" FROM "rule" WHERE "enabled" AND "status" = 'ok' ORDER BY "ruleId"`,
  );
  const compiled = new Map<string, CompiledRule>();
  const rules: CompiledRule[] = [];
  for (const row of stored) {
    const rule: TRule = ruleOfRow(row);
    const key = JSON.stringify([rule.query, rule.eventCategoryOverride, rule.tiebreakerField]);
    let c = l.compiled.get(key) ?? compiled.get(key);
    if (!c) {
      try {
        c = compileRule(rule);
      } catch {
        continue; // stored as ok by an older engine that accepted it; the rules page shows it failing on its next import
      }
    }
    compiled.set(key, c);
    rules.push({ ...c, rule });
  }
  outgrowsHeap(rules.length);
  l.detector = new Detector(rules, { previous: l.detector });
  l.rules = rules;
  l.compiled = compiled;
  l.generation = generation;
  return l.detector;
}

/**
 * Compiled rules live in the heap, whose bound `npm start` sized for the catalogue when the server
 * started. When more rules are enabled than that bound has room for (rules imported since), a
 * server run by `npm start` stops gracefully and is started again with a bound for the catalogue
 * as it is now (scripts/start.ts); ingest is exactly-once, so clients' retries lose nothing.
 */
function outgrowsHeap(rules: number): void {
  if (!config().VIGIL_SUPERVISED || restarting) return;
  const { heap_size_limit: limit } = v8.getHeapStatistics();
  const needed = BASE_HEAP_BYTES + rules * HEAP_KB_PER_RULE * 1024;
  if (needed <= limit) return;
  restarting = true;
  console.warn(`vigil: ${rules} enabled rules need about ${Math.round(needed / 1024 ** 2)} MB of heap, more than this server's ${Math.round(limit / 1024 ** 2)} MB: restarting with room for them`);
  setTimeout(() => process.kill(process.pid, "SIGTERM"), 100).unref();
}
/** The server's heap without rules: its bound in VIGIL_NODE_ARGS (160 MB). */
const BASE_HEAP_BYTES = 160 * 1024 ** 2;
let restarting = false;
