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
import { indexKeyOf, RuleIndex } from "./rule-index";

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
  private readonly byCategory = new Map<string, RuleIndex<EventRule>>();
  private readonly anyCategory = new RuleIndex<EventRule>();
  private readonly sequences: SequenceRule[] = [];
  /** Sequence rules by the categories of their terms; rules with an `any` term see every event. */
  private readonly sequencesByCategory = new Map<string, RuleIndex<SequenceRule>>();
  private readonly sequencesAnyCategory = new RuleIndex<SequenceRule>();
  /** Rules sharing timestamp/tiebreaker settings share one ordinal computation per event. */
  private readonly ordinalGroups: ((e: EqlEvent, pos: number) => Ordinal)[] = [];
  private readonly ordinalGroupKeys: string[] = [];
  private readonly categoryOf = compileAccessor(["event", "category"]);
  readonly samples: CompiledRule[] = [];
  private pos = 0;
  /** The event being processed, for the sequence visitor below (no closures allocated per event). */
  private current: { e: EqlEvent; pos: number; hits: DetectionHit[] } | null = null;
  private ords: (Ordinal | undefined)[] = [];
  private readonly pushSequence = (s: SequenceRule) => {
    const { e, pos, hits } = this.current!;
    const ord = (this.ords[s.group] ??= this.ordinalGroups[s.group](e, pos));
    const done = s.matcher.push(e, ord);
    for (let i = 0; i < done.length; i++) hits.push(sequenceHit(s, done[i].events, done[i].joinKeys));
  };

  constructor(rules: CompiledRule[], options: DetectorOptions = {}) {
    for (const r of rules) {
      const q = r.query;
      if (q.kind === "event") {
        // Rules reading another category field keep their own category check.
        const dispatchable = q.filter.category !== null && !r.rule.eventCategoryOverride;
        const keys = r.ast.kind === "event" ? [indexKeyOf(r.ast.filter.condition)] : [null];
        if (dispatchable) {
          const index = this.byCategory.get(q.filter.category!) ?? new RuleIndex<EventRule>();
          index.add(r as EventRule, keys);
          this.byCategory.set(q.filter.category!, index);
        } else this.anyCategory.add(r as EventRule, keys);
      } else if (q.kind === "sequence") {
        const store = options.storeFor?.(r) ?? new MemoryStateStore<KeyState>();
        const groupKey = `${r.rule.tiebreakerField ?? ""}`;
        let group = this.ordinalGroupKeys.indexOf(groupKey);
        if (group < 0) {
          group = this.ordinalGroupKeys.push(groupKey) - 1;
          this.ordinalGroups.push(q.ordinal);
          this.ords.push(undefined);
        }
        const seq: SequenceRule = { compiled: r, matcher: new SequenceMatcher(q, store), group };
        this.sequences.push(seq);
        const cats = [...q.terms, ...(q.until ? [q.until] : [])].map((t) => t.filter.category);
        const terms = r.ast.kind === "sequence" ? [...r.ast.terms, ...(r.ast.until ? [r.ast.until] : [])] : [];
        const keys = terms.map((t) => indexKeyOf(t.filter.condition));
        if (cats.includes(null) || r.rule.eventCategoryOverride) this.sequencesAnyCategory.add(seq, keys);
        else
          for (const c of new Set(cats as string[])) {
            const index = this.sequencesByCategory.get(c) ?? new RuleIndex<SequenceRule>();
            // Within one category, only the terms of that category need to find the rule.
            index.add(seq, terms.filter((t) => t.filter.category === c).map((t) => indexKeyOf(t.filter.condition)));
            this.sequencesByCategory.set(c, index);
          }
      } else this.samples.push(r);
    }
  }

  /** Evaluates one event (events should arrive in time order); returns the hits it completes. */
  process(e: EqlEvent): DetectionHit[] {
    const hits: DetectionHit[] = [];
    const cat = this.categoryOf(e);
    const cats = categoriesOf(cat);
    for (let i = 0; i < cats.length; i++) this.runEventRules(this.byCategory.get(cats[i]), e, hits, true);
    this.runEventRules(this.anyCategory, e, hits, false);
    if (this.sequences.length > 0) {
      this.current = { e, pos: this.pos++, hits };
      this.ords.fill(undefined);
      for (let i = 0; i < cats.length; i++) this.sequencesByCategory.get(cats[i])?.candidates(e, this.pushSequence);
      this.sequencesAnyCategory.candidates(e, this.pushSequence);
      this.current = null;
    }
    return hits;
  }

  /** Ends the stream: sequences waiting on a trailing missing-event window are decided. */
  flush(): DetectionHit[] {
    return this.sequences.flatMap((s) => s.matcher.flush().map((m) => sequenceHit(s, m.events, m.joinKeys)));
  }

  private runEventRules(index: RuleIndex<EventRule> | undefined, e: EqlEvent, hits: DetectionHit[], dispatched: boolean) {
    index?.candidates(e, (r) => {
      const f = r.query.filter;
      if (dispatched ? f.condition(e) : f.matches(e)) hits.push({ rule: r.rule, events: [e], joinKeys: [], explanation: [f.explain(e)] });
    });
  }
}

const NONE: string[] = [];

/** The distinct string categories of an event, without allocating in the common one-category case. */
function categoriesOf(cat: unknown): string[] {
  if (typeof cat === "string") return [cat];
  if (!Array.isArray(cat)) return NONE;
  if (cat.length === 1) return typeof cat[0] === "string" ? (cat as string[]) : NONE;
  return [...new Set(cat.filter((c): c is string => typeof c === "string"))];
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
