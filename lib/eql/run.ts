/** Runs a compiled query over a batch of events, as the EQL search API does over an index. */
import type { Pipe } from "./ast";
import type { CompiledQuery, KeyValue, Ordinal } from "./compile";
import type { MatchedCondition } from "./compile-expr";
import { compileAccessor, type EqlEvent } from "./fields";
import { elements } from "./values";
import { runSample } from "./sample";
import { compareOrdinals, SequenceMatcher } from "./sequence";

export type EqlResult =
  | { kind: "event"; event: EqlEvent; explanation: MatchedCondition[] }
  | { kind: "sequence" | "sample"; joinKeys: KeyValue[]; events: (EqlEvent | null)[] };

export interface RunOptions {
  /** Cap on results after pipes (the search API's `size`); default unlimited. */
  size?: number;
  /** Skip explanations (faster when only matches are wanted). */
  explain?: boolean;
}

function applyPipes<T>(items: T[], pipes: Pipe[]): T[] {
  let out = items;
  for (const p of pipes) out = p.kind === "head" ? out.slice(0, p.count) : p.count === 0 ? [] : out.slice(-p.count);
  return out;
}

/** Renders join keys as Elasticsearch does: date keys as ISO text in sequences, epoch millis in samples. */
function formatKeys(query: CompiledQuery, keys: KeyValue[]): KeyValue[] {
  return keys.map((k, i) => {
    const t = query.keyTypes[i];
    if (typeof k !== "number" || (t?.type !== "date" && t?.type !== "date_nanos")) return k;
    return query.kind === "sequence" ? new Date(k).toISOString() : k;
  });
}

/** An event the search cannot order: several values in its timestamp or tiebreaker field, or a timestamp not mapped as a date. */
export class EqlRunError extends Error {}

/**
 * Refuses the search as Elasticsearch does (400, with its wording: 80_invalid_timestamp_tiebreaker.yml)
 * when an event's timestamp is not a single date or its tiebreaker not a single value.
 */
function checkOrdinals(query: CompiledQuery, events: readonly EqlEvent[]): void {
  for (const { role, name, type } of query.ordinalFields) {
    const get = compileAccessor(name.split("."));
    const dated = type === undefined || type === "date" || type === "date_nanos";
    for (let i = 0; i < events.length; i++) {
      const v = get(events[i]);
      if (v === undefined || v === null) continue;
      const single = !Array.isArray(v) || elements(v).length <= 1;
      if (single && (role === "tiebreaker" || dated)) continue;
      const shown = JSON.stringify(v).replace(/,/g, ", ").replace(/"/g, "");
      const why = role === "timestamp" ? `Expected timestamp field [${name}] to be mapped as [date] or [date_nanos] and to hold a single value but got [${shown}]` : `Expected tiebreaker field [${name}] to hold a single comparable value but got [${shown}]`;
      throw new EqlRunError(`event ${i + 1}: ${why}`);
    }
  }
}

/** Runs the query over the events; results in Elasticsearch's order. */
export function runQuery(query: CompiledQuery, events: readonly EqlEvent[], options: RunOptions = {}): EqlResult[] {
  checkOrdinals(query, events);
  const size = options.size ?? Number.POSITIVE_INFINITY;
  if (query.kind === "sample") {
    const samples = runSample(query, events, size);
    return applyPipes(samples, query.pipes).map((s) => ({ kind: "sample", joinKeys: formatKeys(query, s.joinKeys), events: s.events }));
  }
  const ordered = events.map((e, i) => ({ e, o: query.ordinal(e, i) })).sort((a, b) => compareOrdinals(a.o, b.o));
  if (query.kind === "event") {
    const hits = ordered.filter((x) => query.filter.matches(x.e));
    return applyPipes(hits, query.pipes)
      .slice(0, size)
      .map((x) => ({ kind: "event", event: x.e, explanation: options.explain === false ? [] : query.filter.explain(x.e) }));
  }
  const matcher = new SequenceMatcher(query);
  const done: { events: (EqlEvent | null)[]; joinKeys: KeyValue[]; order: Ordinal; n: number }[] = [];
  const collect = (matches: ReturnType<SequenceMatcher["push"]>) => {
    for (const m of matches) {
      const last = [...m.ordinals].reverse().find((o) => o !== null)!;
      done.push({ events: m.events, joinKeys: m.joinKeys, order: last, n: done.length });
    }
  };
  for (const x of ordered) collect(matcher.push(x.e, x.o));
  collect(matcher.flush());
  done.sort((a, b) => compareOrdinals(a.order, b.order) || a.n - b.n);
  return applyPipes(done, query.pipes)
    .slice(0, size)
    .map((d) => ({ kind: "sequence", joinKeys: formatKeys(query, d.joinKeys), events: d.events }));
}
