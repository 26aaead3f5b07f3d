/**
 * `npm run bench:eql` — engine throughput on a generated Linux stream, compiled vs the naive
 * AST-walking evaluator measured in the same run, and memory per pending sequence.
 * Single-threaded, so events/s is per core.
 */
import os from "node:os";
import path from "node:path";
import { generateLinuxEvents, type EcsEvent } from "../lib/demo/generate-linux-events";
import { Detector } from "../lib/detect";
import { compileQuery, parse, type Query } from "../lib/eql";
import { matchesNaive, evaluateNaive } from "../lib/eql/naive";
import { SequenceMatcher, type SequenceQuery } from "../lib/eql/sequence";
import { compileRule, kubectlImpersonationRule, loadRulesFromPaths, type CompiledRule } from "../lib/rules";
import { resolvePath } from "../lib/eql/fields";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RULE_EVENTS = Number(process.env.BENCH_RULE_EVENTS ?? 100_000);
const KEYS = Number(process.env.BENCH_KEYS ?? 1_000_000);

function timeIt(label: string, n: number, fn: () => number, minMs = 1500): number {
  fn(); // warm up
  let runs = 0;
  let hits = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do {
    hits += fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  } while (elapsed < minMs);
  const rate = (n * runs) / (elapsed / 1000);
  console.log(`  ${label.padEnd(34)} ${fmt(rate).padStart(12)} events/s   (${runs} passes, ${hits / runs} hits/pass)`);
  return rate;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

function seedRule(events: EcsEvent[]) {
  const rule = kubectlImpersonationRule();
  const q = compileQuery(rule.query);
  if (q.kind !== "event") throw new Error("seed rule is an event query");
  const ast = parse(rule.query);
  console.log(`(a) seed rule over ${fmt(events.length)} events`);
  const compiled = timeIt("compiled", events.length, () => {
    let n = 0;
    const m = q.filter.matches;
    for (let i = 0; i < events.length; i++) if (m(events[i])) n++;
    return n;
  });
  const naive = timeIt("naive AST walk (baseline)", events.length, () => {
    let n = 0;
    for (let i = 0; i < events.length; i++) if (matchesNaive(ast, events[i])) n++;
    return n;
  });
  console.log(`  ratio compiled / naive: ${(compiled / naive).toFixed(1)}x   (targets: >= 5 M events/s, >= 20x)`);
}

function naiveFilters(q: Query): { category: string | null; condition: Query extends never ? never : import("../lib/eql").Expr }[] {
  if (q.kind === "event") return [q.filter];
  return q.terms.map((t) => t.filter);
}

function corpusRules(events: EcsEvent[]) {
  const corpus = path.resolve(process.cwd(), "../shared/corpus/detection-rules/rules");
  const loaded = loadRulesFromPaths([corpus]).rules.filter((r) => r.rule.maturity === "production" && !r.source.includes("_deprecated"));
  const compiled: CompiledRule[] = loaded.map((r) => compileRule(r.rule));
  const asts = loaded.map((r) => parse(r.rule.query));
  console.log(`(b) ${compiled.length} production corpus rules over ${fmt(events.length)} events`);
  const fast = timeIt("compiled detector (dispatch+state)", events.length, () => {
    const d = new Detector(compiled);
    let n = 0;
    for (let i = 0; i < events.length; i++) n += d.process(events[i]).length;
    return n;
  });
  const filters = asts.flatMap(naiveFilters);
  const slow = timeIt("naive AST walk of every filter", events.length, () => {
    let n = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const c = resolvePath(e, ["event", "category"], 0);
      for (const f of filters) {
        if (f.category !== null && !(c === f.category || (Array.isArray(c) && c.includes(f.category)))) continue;
        if (evaluateNaive(f.condition, e) === true) n++;
      }
    }
    return n;
  }, 3000);
  console.log(`  ratio compiled / naive: ${(fast / slow).toFixed(1)}x   (targets: >= 50 k events/s, >= 20x)`);
}

function pendingSequenceMemory() {
  const q = compileQuery('sequence by process.entity_id with maxspan=1h [process where event.type == "start"] [network where true]') as SequenceQuery;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log("(c) run with node --expose-gc to measure memory per pending sequence");
    return;
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  const m = new SequenceMatcher(q);
  for (let i = 0; i < KEYS; i++) {
    const e = { "@timestamp": 1_700_000_000_000 + i, event: { category: "process", type: "start" }, process: { entity_id: `e${i}` } };
    m.push(e, q.ordinal(e, i));
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  // The event objects are the caller's; they are counted too, as the matcher holds them.
  console.log(`(c) ${fmt(m.store.size)} pending sequences (one per join key): ${((after - before) / m.store.size).toFixed(0)} bytes each, event included`);
}

console.log(`vigil bench:eql — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"} (${os.cpus().length} cores)`);
const stream = [...generateLinuxEvents({ count: EVENTS, seed: 42, end: new Date("2026-11-28T12:00:00Z") })];
seedRule(stream);
corpusRules(stream.slice(0, RULE_EVENTS));
pendingSequenceMemory();
