/**
 * Samples (`sample by …`): for every join key present in all filters, one event per filter, no
 * event used twice; results ordered by key ascending (nulls first), as Elasticsearch's composite
 * aggregation returns them. Samples are unordered in time, so they run over a batch.
 */
import type { CompiledQuery, KeyValue } from "./compile";
import type { EqlEvent } from "./fields";
import { keyString } from "./sequence";

export type SampleQuery = Extract<CompiledQuery, { kind: "sample" }>;

export interface SampleMatch {
  joinKeys: KeyValue[];
  events: EqlEvent[];
}

function compareKeyValue(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs a sample query over events in their stored order. `size` caps the number of samples. */
export function runSample(query: SampleQuery, events: readonly EqlEvent[], size = Number.POSITIVE_INFINITY): SampleMatch[] {
  const byKey = new Map<string, { keys: KeyValue[]; perTerm: number[][] }>();
  query.terms.forEach((term, t) => {
    events.forEach((e, i) => {
      if (!term.filter.matches(e)) return;
      for (const k of term.keys(e)) {
        const ks = keyString(k);
        let entry = byKey.get(ks);
        if (!entry) {
          entry = { keys: k, perTerm: query.terms.map(() => []) };
          byKey.set(ks, entry);
        }
        entry.perTerm[t].push(i);
      }
    });
  });
  const candidates = [...byKey.values()].filter((c) => c.perTerm.every((l) => l.length > 0));
  candidates.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = compareKeyValue(a.keys[i], b.keys[i]);
      if (c !== 0) return c;
    }
    return 0;
  });
  const out: SampleMatch[] = [];
  for (const c of candidates) {
    if (out.length >= size) break;
    const used = new Set<number>();
    const picked: number[] = [];
    for (const list of c.perTerm) {
      const i = list.find((x) => !used.has(x));
      if (i === undefined) break;
      used.add(i);
      picked.push(i);
    }
    if (picked.length === query.terms.length) out.push({ joinKeys: c.keys, events: picked.map((i) => events[i]) });
  }
  return out;
}
