/**
 * How bench:eql feeds events to a detector and times it, shared by its parts (eql.bench.ts) and the
 * comparison with the previous engine (eql-vs-previous.ts, which passes that engine's detector).
 */
import type { EqlEvent } from "../../lib/eql";

/** What the benches call on a detector, today's or the previous engine's. */
export interface RunnableDetector {
  process(e: EqlEvent): readonly unknown[];
  readEvent(e: EqlEvent): { hits: readonly unknown[] };
  processSequences(e: EqlEvent, index: undefined, early: { hits: readonly unknown[] }): readonly unknown[];
}

/** Times `evaluate` over batches parsed from NDJSON just before, as the ingest route does. */
export function batchRate(lines: string[], evaluate: (batch: EqlEvent[]) => number): { rate: number; hits: number } {
  let ms = 0;
  let hits = 0;
  for (let b = 0; b < lines.length; b += 1000) {
    const batch = lines.slice(b, b + 1000).map((l) => JSON.parse(l) as EqlEvent);
    const t0 = performance.now();
    hits += evaluate(batch);
    ms += performance.now() - t0;
  }
  return { rate: lines.length / (ms / 1000), hits };
}

/** Each event through `process()`; the number of hits. */
export const processEach = (detector: RunnableDetector) => (batch: EqlEvent[]): number => {
  let n = 0;
  for (let i = 0; i < batch.length; i++) n += detector.process(batch[i]).length;
  return n;
};

/** Each event as ingest feeds it: read (event rules, and which sequence rules can use it), then fed to those. */
export const asIngest = (detector: RunnableDetector) => (batch: EqlEvent[]): number => {
  let n = 0;
  for (let i = 0; i < batch.length; i++) {
    const early = detector.readEvent(batch[i]);
    n += early.hits.length + detector.processSequences(batch[i], undefined, early).length;
  }
  return n;
};
