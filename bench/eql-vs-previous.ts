/**
 * Part (d) of `bench:eql`: the current engine against the engine before Elasticsearch's condition
 * semantics (issue 17), in the same process, on the same events, in alternating rounds. It runs
 * in a process of its own (eql.bench.ts starts it), so neither engine's shared code has been made
 * megamorphic by the other parts: run after them in the same process, the current engine's seed
 * filter measured 0.69 of the untouched previous one, and 1.00 in a fresh process.
 *
 * Two streams for the rule set. The generated one, with the parent fields Elastic Defend sends
 * (command line, user, group), where both engines do the same work. And the same events without
 * those and without the process's group, as a sensor that does not report them sends them: under Elasticsearch's semantics
 * `not`/`!=` over a missing field holds, so the rules evaluate further (and sequences advance more)
 * than the old three-valued engine did — the cost of the semantics, not of the engine.
 */
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import type { EqlEvent } from "../lib/eql";
import { Detector } from "../lib/detect";
import { compileQuery } from "../lib/eql";
import { compileRule, kubectlImpersonationRule, loadRulesFromPaths } from "../lib/rules";
import { sharedCorpus } from "../lib/corpus/shared-corpus";
import { asIngest, batchRate, processEach, type RunnableDetector } from "./support/detector-runs";
import { previousEngine } from "./support/previous-engine.mjs";

/** The last commit whose engine decided conditions in three-valued logic. */
const PREVIOUS = "daec56a8e12ca34e571099bed7235ae613430c68";

type Engine = {
  Detector: new (rules: unknown[]) => RunnableDetector;
  compileRule: (r: unknown) => unknown;
  loadRulesFromPaths: (paths: string[]) => { rules: { rule: { maturity?: string } }[] };
  kubectlImpersonationRule: () => { query: string };
  compileQuery: (q: string) => { kind: string; filter: { matches(e: EqlEvent): boolean } };
};

const current: Engine = { Detector, compileRule, loadRulesFromPaths, kubectlImpersonationRule, compileQuery } as unknown as Engine;

const ROUNDS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const k = (n: number) => `${(n / 1e3).toFixed(1)} k`;

/** The event as a sensor that reports no groups and nothing of the parent but its name, path and arguments sends it. */
function withoutParentFields(line: string): string {
  const e = JSON.parse(line);
  const p = e.process?.parent;
  if (p) {
    delete p.command_line;
    delete p.user;
    delete p.group;
    delete e.group;
  }
  return JSON.stringify(e);
}

/** `ingest`: fed as ingest feeds events (read, then the sequence rules that can use them); otherwise through `process()`. */
const timeBatches = (detector: RunnableDetector, lines: string[], ingest = false) => batchRate(lines, ingest ? asIngest(detector) : processEach(detector));

function ruleSet(engine: Engine) {
  return engine
    .loadRulesFromPaths([sharedCorpus("detection-rules")])
    .rules.filter((r) => r.rule.maturity === "production")
    .map((r) => engine.compileRule(r.rule));
}

/**
 * Both engines on the same chunks, in alternating order; the ratio of each pair is taken (drift
 * and collections hit both sides of a pair alike) and the median pair reported.
 */
function report(label: string, rates: [number[], number[]], hits: number[], unit: (n: number) => string) {
  const ratios = rates[1].map((now, i) => now / rates[0][i]);
  console.log(`  ${label.padEnd(44)} ${unit(median(rates[0])).padStart(9)} → ${unit(median(rates[1])).padStart(9)} events/s  ratio ${median(ratios).toFixed(2)} (pairs ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})  (${hits[0]} / ${hits[1]} matches)`);
}

function detectors(previous: Engine, label: string, warmUp: string[], lines: string[], ingest = false) {
  const engines = [previous, current].map((engine) => new engine.Detector(ruleSet(engine)));
  for (const d of engines) timeBatches(d, warmUp, ingest);
  const rates: [number[], number[]] = [[], []];
  const hits = [0, 0];
  for (let i = 0; i < ROUNDS; i++) {
    const chunk = lines.slice((i * lines.length) / ROUNDS, ((i + 1) * lines.length) / ROUNDS);
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const r = timeBatches(engines[which], chunk, ingest);
      rates[which].push(r.rate);
      hits[which] += r.hits;
    }
  }
  report(label, rates, hits, k);
}

function seed(previous: Engine, events: EqlEvent[]) {
  const filters = [previous, current].map((engine) => engine.compileQuery(engine.kubectlImpersonationRule().query).filter);
  // Ten passes over the events per timing: one pass (~3 ms) is within a collection's reach.
  const run = (which: number) => {
    const f = filters[which];
    const t0 = performance.now();
    let n = 0;
    for (let pass = 0; pass < 10; pass++) for (let i = 0; i < events.length; i++) if (f.matches(events[i])) n++;
    return { rate: (10 * events.length) / ((performance.now() - t0) / 1000), hits: n / 10 };
  };
  for (let i = 0; i < 3; i++) {
    run(0);
    run(1);
  }
  const rates: [number[], number[]] = [[], []];
  const hits = [0, 0];
  for (let i = 0; i < ROUNDS; i++) {
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const r = run(which);
      rates[which].push(r.rate);
      hits[which] = r.hits;
    }
  }
  report("seed rule, events in RAM", rates, hits, (n) => `${(n / 1e6).toFixed(2)} M`);
}

async function againstPreviousEngine(warmUp: string[], lines: string[]): Promise<void> {
  const previous = (await previousEngine(PREVIOUS)) as Engine | null;
  if (!previous) {
    console.log(`(d) not compared: commit ${PREVIOUS.slice(0, 7)} is not in this clone's history (a shallow clone?)`);
    return;
  }
  console.log(`(d) same run, same events, ${ROUNDS} rounds in alternating order: the engine before Elasticsearch's condition semantics (${PREVIOUS.slice(0, 7)}) → now; medians`);
  seed(previous, lines.map((l) => JSON.parse(l) as EqlEvent));
  detectors(previous, "all production rules, generated stream", warmUp, lines);
  detectors(previous, "the same, as ingest runs them", warmUp, lines, true);
  detectors(previous, "all production rules, no parent/group fields", warmUp.map(withoutParentFields), lines.map(withoutParentFields));
}

// The generator and seed of eql.bench.ts: warm-up on the first 100 k events, rounds on events 200–300 k.
const generated = [...generateLinuxEvents({ count: 300_000, seed: 42, end: new Date("2026-11-28T12:00:00Z") })].map((e) => JSON.stringify(e));
await againstPreviousEngine(generated.slice(0, 100_000), generated.slice(200_000, 300_000));
