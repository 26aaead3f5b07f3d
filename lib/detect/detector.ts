/**
 * Runs a rule set over an event stream. Event rules are dispatched by category (an event only
 * meets the rules of its own categories); each sequence rule has its own matcher and state store.
 * Sample rules need the whole batch and run in `detectBatch` only.
 */
import { compareOrdinals, type CompiledQuery, type EqlEvent, type KeyValue, type MatchedCondition, type Ordinal } from "../eql";
import { compileAccessor } from "../eql/fields";
import { runSample } from "../eql/sample";
import { SequenceMatcher, type KeyState } from "../eql/sequence";
import { MemoryStateStore, type StateStore } from "../eql/store";
import type { CompiledRule } from "../rules";

/** One rule match: the source events (null for a missing `![…]` event) and why they matched. */
export interface DetectionHit {
  rule: CompiledRule["rule"];
  events: (EqlEvent | null)[];
  joinKeys: KeyValue[];
  /** Per event, the conditions that held. */
  explanation: MatchedCondition[][];
}

export interface DetectorOptions {
  /** A state store per sequence rule (default: in memory, one million keys). */
  storeFor?: (rule: CompiledRule) => StateStore<KeyState>;
}

type EventRule = CompiledRule & { query: Extract<CompiledQuery, { kind: "event" }> };
type SequenceRule = { compiled: CompiledRule; matcher: SequenceMatcher; group: number };

export class Detector {
  private readonly byCategory = new Map<string, EventRule[]>();
  private readonly anyCategory: EventRule[] = [];
  private readonly sequences: SequenceRule[] = [];
  /** Sequence rules by the categories of their terms; rules with an `any` term see every event. */
  private readonly sequencesByCategory = new Map<string, SequenceRule[]>();
  private readonly sequencesAnyCategory: SequenceRule[] = [];
  /** Rules sharing timestamp/tiebreaker settings share one ordinal computation per event. */
  private readonly ordinalGroups: ((e: EqlEvent, pos: number) => Ordinal)[] = [];
  private readonly ordinalGroupKeys: string[] = [];
  private readonly categoryOf = compileAccessor(["event", "category"]);
  readonly samples: CompiledRule[] = [];
  private pos = 0;

  constructor(rules: CompiledRule[], options: DetectorOptions = {}) {
    for (const r of rules) {
      const q = r.query;
      if (q.kind === "event") {
        // Rules reading another category field keep their own category check.
        const dispatchable = q.filter.category !== null && !r.rule.eventCategoryOverride;
        if (dispatchable) {
          const list = this.byCategory.get(q.filter.category!) ?? [];
          list.push(r as EventRule);
          this.byCategory.set(q.filter.category!, list);
        } else this.anyCategory.push(r as EventRule);
      } else if (q.kind === "sequence") {
        const store = options.storeFor?.(r) ?? new MemoryStateStore<KeyState>();
        const groupKey = `${r.rule.tiebreakerField ?? ""}`;
        let group = this.ordinalGroupKeys.indexOf(groupKey);
        if (group < 0) {
          group = this.ordinalGroupKeys.push(groupKey) - 1;
          this.ordinalGroups.push(q.ordinal);
        }
        const seq: SequenceRule = { compiled: r, matcher: new SequenceMatcher(q, store), group };
        this.sequences.push(seq);
        const cats = [...q.terms, ...(q.until ? [q.until] : [])].map((t) => t.filter.category);
        if (cats.includes(null) || r.rule.eventCategoryOverride) this.sequencesAnyCategory.push(seq);
        else
          for (const c of new Set(cats as string[])) {
            const list = this.sequencesByCategory.get(c) ?? [];
            list.push(seq);
            this.sequencesByCategory.set(c, list);
          }
      } else this.samples.push(r);
    }
  }

  /** Evaluates one event (events should arrive in time order); returns the hits it completes. */
  process(e: EqlEvent): DetectionHit[] {
    const hits: DetectionHit[] = [];
    const cat = this.categoryOf(e);
    if (typeof cat === "string") this.runEventRules(this.byCategory.get(cat), e, hits, true);
    else if (Array.isArray(cat)) for (const c of new Set(cat)) if (typeof c === "string") this.runEventRules(this.byCategory.get(c), e, hits, true);
    this.runEventRules(this.anyCategory, e, hits, false);
    if (this.sequences.length > 0) {
      const pos = this.pos++;
      const ords: (Ordinal | undefined)[] = new Array(this.ordinalGroups.length);
      const feed = (list: SequenceRule[] | undefined) => {
        if (!list) return;
        for (const s of list) {
          const ord = (ords[s.group] ??= this.ordinalGroups[s.group](e, pos));
          for (const m of s.matcher.push(e, ord)) hits.push(sequenceHit(s, m.events, m.joinKeys));
        }
      };
      if (typeof cat === "string") feed(this.sequencesByCategory.get(cat));
      else if (Array.isArray(cat)) for (const c of new Set(cat)) if (typeof c === "string") feed(this.sequencesByCategory.get(c));
      feed(this.sequencesAnyCategory);
    }
    return hits;
  }

  /** Ends the stream: sequences waiting on a trailing missing-event window are decided. */
  flush(): DetectionHit[] {
    return this.sequences.flatMap((s) => s.matcher.flush().map((m) => sequenceHit(s, m.events, m.joinKeys)));
  }

  private runEventRules(rules: EventRule[] | undefined, e: EqlEvent, hits: DetectionHit[], dispatched: boolean) {
    if (!rules) return;
    for (const r of rules) {
      const f = r.query.filter;
      if (dispatched ? f.condition(e) : f.matches(e)) hits.push({ rule: r.rule, events: [e], joinKeys: [], explanation: [f.explain(e)] });
    }
  }
}

function sequenceHit(s: SequenceRule, events: (EqlEvent | null)[], joinKeys: KeyValue[]): DetectionHit {
  const q = s.matcher.query;
  return {
    rule: s.compiled.rule,
    events,
    joinKeys,
    explanation: events.map((e, i) => (e ? q.terms[i].filter.explain(e) : [])),
  };
}

/** Runs rules over a batch: events in time order through the detector, then samples over the whole batch. */
export function detectBatch(rules: CompiledRule[], events: readonly EqlEvent[]): DetectionHit[] {
  const detector = new Detector(rules);
  const ordinal = (e: EqlEvent, i: number): Ordinal => rules[0]?.query.ordinal(e, i) ?? { ts: 0, tb: null, pos: i };
  const ordered = events.map((e, i) => ({ e, o: ordinal(e, i) })).sort((a, b) => compareOrdinals(a.o, b.o));
  const hits: DetectionHit[] = [];
  for (const { e } of ordered) hits.push(...detector.process(e));
  hits.push(...detector.flush());
  for (const r of detector.samples) {
    const q = r.query as Extract<CompiledQuery, { kind: "sample" }>;
    for (const s of runSample(q, events)) {
      hits.push({ rule: r.rule, events: s.events, joinKeys: s.joinKeys, explanation: s.events.map((e, i) => q.terms[i].filter.explain(e)) });
    }
  }
  return hits;
}
