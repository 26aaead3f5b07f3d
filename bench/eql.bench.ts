/**
 * `npm run bench:eql` — EQL engine throughput on a generated Linux stream (mostly non-kubectl
 * process events, some network and file events, ~1 % kubectl, ~0.1 % impersonation), compiled vs
 * the naive AST-walking evaluator measured in the same run, memory per pending sequence, and (d) the
 * engine before issue 17's semantics, from git history, in the same run (eql-vs-previous.ts, in a
 * process of its own).
 * Single-threaded: events/s is per core.
 *
 * Two regimes: "batch" evaluates each 1,000-event NDJSON batch right after JSON.parse (the ingest
 * route's situation: the events are in cache); "stream" walks 1 M distinct events already in RAM
 * (memory-bound: every event is a cache miss).
 *
 * Both measure steady state, as in a running server: (a) first evaluates a separately generated
 * stream three times; (b)'s detector first sees 200 k events of the same stream (adaptive ordering
 * settles, the JIT optimises each rule's generated code), then the batch run and the stream run
 * each get the next, unseen, events in time order.
 */
import os from "node:os";
import { generateLinuxEvents, type EcsEvent } from "../lib/demo/generate-linux-events";
import { Detector } from "../lib/detect";
import { compileQuery, type EqlEvent, type Expr } from "../lib/eql";
import { resolvePath } from "../lib/eql/fields";
import { holdsNaive, matchesNaive } from "../lib/eql/naive";
import { SequenceMatcher, type SequenceQuery } from "../lib/eql/sequence";
import { compileRule, kubectlImpersonationRule, loadRulesFromPaths, type CompiledRule } from "../lib/rules";
import { recordResults } from "./support/results";
import { sharedCorpus } from "../lib/corpus/shared-corpus";
import { spawnSync } from "node:child_process";
import { asIngest, batchRate, processEach } from "./support/detector-runs";
import { bundleForNode } from "./support/bundle.mjs";

recordResults("eql");

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RULE_EVENTS = Number(process.env.BENCH_RULE_EVENTS ?? 100_000);
const NAIVE_RULE_EVENTS = Number(process.env.BENCH_NAIVE_RULE_EVENTS ?? 1_000);
const KEYS = Number(process.env.BENCH_KEYS ?? 1_000_000);
const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

function streamRate(events: EqlEvent[], evaluate: (batch: EqlEvent[]) => number): { rate: number; hits: number } {
  const t0 = performance.now();
  const hits = evaluate(events);
  return { rate: events.length / ((performance.now() - t0) / 1000), hits };
}

function line(label: string, r: { rate: number; hits: number }) {
  console.log(`  ${label.padEnd(44)} ${fmt(r.rate).padStart(10)} events/s  (${r.hits} matches)`);
  return r.rate;
}

function seedRule(events: EcsEvent[], lines: string[]) {
  const rule = kubectlImpersonationRule();
  const q = compileQuery(rule.query);
  if (q.kind !== "event") throw new Error("seed rule is an event query");
  const compiled = (batch: EqlEvent[]) => {
    let n = 0;
    for (let i = 0; i < batch.length; i++) if (q.filter.matches(batch[i])) n++;
    return n;
  };
  const ast = compileRuleAst(rule.query);
  const naive = (batch: EqlEvent[]) => {
    let n = 0;
    for (let i = 0; i < batch.length; i++) if (matchesNaive(ast, batch[i])) n++;
    return n;
  };
  console.log(`(a) seed rule, ${fmt(events.length)} events`);
  // Steady state, as in (b): a separate stream of 300 k events first (adaptive order, JIT), three times,
  // Both kinds of objects the runs below see: the generator's and JSON.parse's.
  const warmUp = [...generateLinuxEvents({ count: 300_000, seed: 43, end: new Date("2026-11-27T12:00:00Z") })];
  const warmUpParsed = warmUp.map((e) => JSON.parse(JSON.stringify(e)) as EqlEvent);
  for (let i = 0; i < 3; i++) {
    compiled(warmUp);
    compiled(warmUpParsed);
  }
  naive(warmUp.slice(0, 2_000));
  const cb = line("compiled, batch (just parsed, in cache)", batchRate(lines, compiled));
  const cs = line("compiled, stream (1 M events from RAM)", streamRate(events, compiled));
  const nb = line("naive AST walk, batch (baseline)", batchRate(lines.slice(0, 100_000), naive));
  const ns = line("naive AST walk, stream (baseline)", streamRate(events.slice(0, 100_000), naive));
  console.log(`  ratio compiled/naive: batch ${(cb / nb).toFixed(1)}x, stream ${(cs / ns).toFixed(1)}x   (targets: >= 5 M events/s per core, >= 20x)`);
}

function compileRuleAst(query: string) {
  return compileRule({ ...kubectlImpersonationRule(), query }).ast;
}

function corpusRules(warmUp: string[], lines: string[], streamLines: string[]) {
  // The whole rule set, as the detector runs it at ingest: category dispatch, rule index, sequence state.
  const corpus = sharedCorpus("detection-rules");
  const rules: CompiledRule[] = loadRulesFromPaths([corpus])
    .rules.filter((r) => r.rule.maturity === "production")
    .map((r) => compileRule(r.rule));
  console.log(`(b) all ${rules.length} production corpus rules (${rules.filter((r) => r.query.kind === "sequence").length} sequences), ${fmt(lines.length)} events per run, after ${fmt(warmUp.length)} events of warm-up`);
  const compiled = processEach(new Detector(rules));
  for (let b = 0; b < warmUp.length; b += 10_000) compiled(warmUp.slice(b, b + 10_000).map((l) => JSON.parse(l)));
  const cb = line("compiled detector, batch (just parsed)", batchRate(lines, compiled));
  const parsed = streamLines.map((l) => JSON.parse(l) as EqlEvent);
  line("compiled detector, stream (events in RAM)", streamRate(parsed, compiled));
  const ingest = asIngest(new Detector(rules));
  for (let b = 0; b < warmUp.length; b += 10_000) ingest(warmUp.slice(b, b + 10_000).map((l) => JSON.parse(l)));
  line("as ingest runs it (read, then sequences)", batchRate(lines, ingest));
  const filters: { category: string | null; condition: Expr }[] = rules.flatMap((r) =>
    r.ast.kind === "event" ? [r.ast.filter] : r.ast.terms.map((t) => t.filter),
  );
  const naive = (batch: EqlEvent[]) => {
    let n = 0;
    for (const e of batch) {
      const c = resolvePath(e, ["event", "category"], 0);
      for (const f of filters) {
        if (f.category !== null && !(c === f.category || (Array.isArray(c) && c.includes(f.category)))) continue;
        if (holdsNaive(f.condition, e)) n++;
      }
    }
    return n;
  };
  const nb = line("naive AST walk of every filter (baseline)", batchRate(lines.slice(0, NAIVE_RULE_EVENTS), naive));
  console.log(`  ratio compiled/naive: ${(cb / nb).toFixed(1)}x   (targets: >= 50 k events/s per core, >= 20x)`);
}

function pendingSequenceMemory() {
  const q = compileQuery('sequence by process.entity_id with maxspan=1h [process where event.type == "start"] [network where true]') as SequenceQuery;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return console.log("(c) run with node --expose-gc to measure memory per pending sequence");
  const events = Array.from({ length: KEYS }, (_, i) => ({ "@timestamp": 1_700_000_000_000 + i, event: { category: "process", type: "start" }, process: { entity_id: `e${i}` } }));
  gc();
  const before = process.memoryUsage().heapUsed;
  const m = new SequenceMatcher(q);
  for (let i = 0; i < events.length; i++) m.push(events[i], q.ordinal(events[i], i));
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`(c) ${fmt(m.store.size)} join keys with a pending sequence: ${((after - before) / m.store.size).toFixed(0)} bytes per pending sequence (state only; the events are the caller's)`);
}

console.log(`vigil bench:eql — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores — ${import.meta.url.endsWith(".mjs") ? "bundled (esbuild, as production)" : "through tsx"}`);
const events = [...generateLinuxEvents({ count: EVENTS, seed: 42, end: new Date("2026-11-28T12:00:00Z") })];
const lines = events.map((e) => JSON.stringify(e));
seedRule(events, lines);
// The next runs get a heap without the million events of (a): a full heap slows every collection.
const warmUpLines = lines.slice(0, 2 * RULE_EVENTS);
const corpusLines = lines.slice(2 * RULE_EVENTS, 3 * RULE_EVENTS);
const streamLines = lines.slice(3 * RULE_EVENTS, 4 * RULE_EVENTS);
events.length = 0;
lines.length = 0;
(globalThis as { gc?: () => void }).gc?.();
corpusRules(warmUpLines, corpusLines, streamLines);
pendingSequenceMemory();
// (d) in a fresh process (eql-vs-previous.ts says why); its lines join this run's output.
const previous = spawnSync(process.execPath, ["--max-old-space-size=8192", await bundleForNode("bench/eql-vs-previous.ts")], { encoding: "utf8" });
for (const l of previous.stdout.trimEnd().split("\n")) console.log(l);
if (previous.status !== 0) throw new Error(`(d) failed: ${previous.stderr}`);
