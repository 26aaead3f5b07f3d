/**
 * `npm run bench:prepare` — the per-document work ingest does before storage, in-process and
 * bundled as the server runs it: `prepareForDetection` (source normalization, validation, columns,
 * identity, text checks, the detector's admission test) on generated documents of each of the
 * five sources, against `JSON.parse` of the same documents in the same run (the baseline).
 * bench:ingest measures the whole path; this isolates the part that is Vigil's own JavaScript.
 */
import os from "node:os";
import { Detector } from "../lib/detect";
import { builtinRules, compileRule } from "../lib/rules";
import { generateLinuxEvents } from "../lib/demo/generate-linux-events";
import { indexFor } from "../lib/demo/source-shapes";
import { sniffSource, sourceOf } from "../lib/ingest/normalize/sources";
import { prepareForDetection } from "../lib/ingest/prepare-events";
import { conformToEcsMapping } from "../lib/ingest/mapping/ecs-mapping";
import { recordResults } from "./support/results";

recordResults("prepare");

const COUNT = Number(process.env.BENCH_EVENTS ?? 60_000);
const RUNS = 8;

type Doc = { text: string; bytes: Buffer; index: string };

/** Best of RUNS, in µs per document; each run parses fresh documents (outside the timing for `prepare`). */
function best(docs: Doc[], work: (parsed: unknown[], docs: Doc[]) => void, parse = true): number {
  let us = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const parsed = parse ? docs.map((d) => JSON.parse(d.text) as unknown) : [];
    const t0 = performance.now();
    work(parsed, docs);
    us = Math.min(us, ((performance.now() - t0) * 1000) / docs.length);
  }
  return us;
}

// The detector a fresh server runs: the built-in rules.
const detector = new Detector(builtinRules().map((r) => compileRule(r)));
const prepare = (parsed: unknown[], docs: Doc[]) => {
  for (let i = 0; i < docs.length; i++) {
    const p = prepareForDetection({ index: i, doc: parsed[i], raw: docs[i].text, bytes: docs[i].bytes, target: docs[i].index }, detector);
    if (!p.ok) throw new Error(p.reason);
  }
};
const parseOnly = (_parsed: unknown[], docs: Doc[]) => {
  for (const d of docs) JSON.parse(d.text);
};

const all: Doc[] = [...generateLinuxEvents({ count: COUNT, seed: 9, end: new Date("2026-11-30T12:00:00Z"), sources: "mixed" })].map((e) => {
  const text = JSON.stringify(e);
  return { text, bytes: Buffer.from(text), index: indexFor(sniffSource(e)) };
});
const bySource = new Map<string, Doc[]>();
for (const d of all) {
  const source = sourceOf(d.index, JSON.parse(d.text) as Record<string, unknown>);
  const list = bySource.get(source);
  if (list) list.push(d);
  else bySource.set(source, [d]);
}

console.log(`vigil bench:prepare — ${new Date().toISOString()} — node ${process.version} — ${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores`);
console.log(`  ${COUNT} generated documents, best of ${RUNS} runs, µs per document (one core)`);
for (const [source, docs] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
  const p = best(docs, prepare);
  const j = best(docs, parseOnly, false);
  console.log(`  ${source.padEnd(16)} ${String(docs.length).padStart(6)} docs   prepare ${p.toFixed(2).padStart(6)}   JSON.parse ${j.toFixed(2).padStart(6)}   (ratio ${(p / j).toFixed(2)})`);
}
const p = best(all, prepare);
const j = best(all, parseOnly, false);
console.log(`  all, mixed as bench:ingest sends them: prepare ${p.toFixed(2)}, JSON.parse ${j.toFixed(2)} (baseline; ratio ${(p / j).toFixed(2)})`);

// The ECS mapping step alone (lib/ingest/mapping), on the same documents already parsed: its share of `prepare`.
const mapping = (parsed: unknown[]) => {
  for (const doc of parsed) if (!conformToEcsMapping(doc as Record<string, unknown>).ok) throw new Error("refused");
};
const m = best(all, mapping);
console.log(`  of which the ECS mapping check and coercion: ${m.toFixed(2)} µs per document (${((m / p) * 100).toFixed(0)} % of prepare)`);
