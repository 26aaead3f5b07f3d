/**
 * Runs a rule set over an event stream. Event rules are dispatched by category (an event only
 * meets the rules of its own categories); each sequence rule has its own matcher and state store.
 * Sample rules need the whole batch and run in `detectBatch` only.
 */
import { compareOrdinals, type CompiledFilter, type CompiledQuery, type EqlEvent, type KeyValue, type MatchedCondition, type Ordinal } from "../eql";
import { compileAccessor } from "../eql/fields";
import { runSample } from "../eql/sample";
import { SequenceMatcher, type KeyState, type SequenceOptions } from "../eql/sequence";
import { durationMs } from "../rules/rule";
import { MemoryStateStore, type StateStore } from "../eql/store";
import type { CompiledRule } from "../rules";
import { indexMatcher, type IndexMatcher } from "./index-patterns";
import { indexKeyOf, RuleIndex, type IndexKey } from "./rule-index";

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
  /**
   * The detector this one replaces: a sequence rule whose compiled query is the same object
   * (unchanged, from the compile cache) keeps its matcher, so sequences in flight survive the swap.
   */
  previous?: Detector;
}

type EventRule = CompiledRule & { query: Extract<CompiledQuery, { kind: "event" }> };
/** `seen`: the number of the last event the rule was fed or found usable for, so it is decided once per event. */
type SequenceRule = { compiled: CompiledRule; matcher: SequenceMatcher; group: number; seen: number };
/**
 * What an index entry leads to: an event rule whose category the dispatch already checked, an
 * event rule that checks its own category (any-category, or reading another category field), or
 * a sequence rule. `seen` is the number of the last event that visited it.
 */
type Target =
  | { kind: "dispatched" | "own-category"; rule: EventRule; seen: number; scope: number }
  | { kind: "sequence"; seq: SequenceRule; seen: number; scope: number }
  /**
   * One term (or the `until`) of a sequence rule, indexed by its own keys: an event whose values
   * miss a term's keys cannot meet that term, so only the terms the index admits are tested.
   * `own`: placed only in its category's index, so the category is already checked.
   */
  | { kind: "term"; seq: SequenceRule; filter: CompiledFilter; own: boolean; seen: number; scope: number };

/** Distinct index-pattern lists, cached per index name: rules see only events shipped to their indices. */
class IndexScopes {
  private readonly matchers: IndexMatcher[] = [];
  private readonly keys = new Map<string, number>();
  private readonly byIndex = new Map<string, Uint8Array>();

  /** The scope number of a rule's patterns, -1 when it has none (it sees every index). */
  scopeOf(patterns: readonly string[]): number {
    const m = indexMatcher(patterns);
    if (!m) return -1;
    const key = patterns.join("\u0000");
    let n = this.keys.get(key);
    if (n === undefined) this.keys.set(key, (n = this.matchers.push(m) - 1));
    return n;
  }

  /** Per scope, whether events of `index` are visible to it; null: every scope (no index named). */
  visible(index: string | null | undefined): Uint8Array | null {
    if (index == null || this.matchers.length === 0) return null;
    let v = this.byIndex.get(index);
    if (!v) {
      if (this.byIndex.size >= 10_000) this.byIndex.clear();
      v = Uint8Array.from(this.matchers, (m) => (m(index) ? 1 : 0));
      this.byIndex.set(index, v);
    }
    return v;
  }
}

/**
 * One index per category holding every rule an event of that category can meet (its own
 * category's rules and the any-category ones), so each field of the event is read and looked up
 * once; `any` serves events of other or no categories.
 */
class CategoryIndexes {
  private readonly byCategory = new Map<string, RuleIndex<Target>>();
  private readonly any = new RuleIndex<Target>();

  /** Places targets (categories null: any category), once every category is known. */
  constructor(placed: Placed[]) {
    for (const p of placed) for (const c of p.categories ?? []) if (!this.byCategory.has(c)) this.byCategory.set(c, new RuleIndex<Target>());
    for (const p of placed) {
      if (p.categories === null) for (const index of [...this.byCategory.values(), this.any]) index.add(p.target, p.keysIn(null));
      else for (const c of p.categories) this.byCategory.get(c)!.add(p.target, p.keysIn(c));
    }
  }

  candidates(e: EqlEvent, cats: string[], visit: (t: Target) => void): void {
    let indexed = false;
    for (let i = 0; i < cats.length; i++) {
      const index = this.byCategory.get(cats[i]);
      if (index) {
        index.candidates(e, visit);
        indexed = true;
      }
    }
    if (!indexed) this.any.candidates(e, visit);
  }

  mayMatch(e: EqlEvent, cats: string[], unknown?: ReadonlySet<string>): boolean {
    let indexed = false;
    for (let i = 0; i < cats.length; i++) {
      const index = this.byCategory.get(cats[i]);
      if (!index) continue;
      if (index.mayMatch(e, unknown)) return true;
      indexed = true;
    }
    return !indexed && this.any.mayMatch(e, unknown);
  }
}

type Placed = { target: Target; categories: string[] | null; keysIn: (category: string | null) => (IndexKey | null)[] };

export class Detector {
  private readonly rules: CategoryIndexes;
  private readonly sequences: SequenceRule[] = [];
  /** Rules sharing timestamp/tiebreaker settings share one ordinal computation per event. */
  private readonly ordinalGroups: ((e: EqlEvent, pos: number) => Ordinal)[] = [];
  private readonly ordinalGroupKeys: string[] = [];
  private readonly categoryOf = compileAccessor(["event", "category"]);
  private readonly scopes = new IndexScopes();
  /** For the current event, per scope, whether it is visible (null: to all). */
  private visible: Uint8Array | null = null;
  readonly samples: CompiledRule[] = [];
  private pos = 0;
  private seen = 0;
  /** The newest event time seen (sampled every EXPIRY_EVERY events). */
  private newest = Number.NEGATIVE_INFINITY;
  /** The event being processed, for the visitor below (no closures allocated per event). */
  private e: EqlEvent = {};
  private ePos = 0;
  private hits: DetectionHit[] = [];
  private ords: (Ordinal | undefined)[] = [];
  /** What the current walk does: everything, the stateless part (readEvent), or the sequences only. */
  private mode = Mode.All;
  /** For readEvent: the sequence rules that can use the event. */
  private uses: SequenceRule[] = NO_USES;
  /** Per ordinal group, the current event's ordinal, computed on first use (no closure per event). */
  private readonly ordinalOf: (() => Ordinal)[] = [];
  private readonly visit = (t: Target) => {
    if (t.seen === this.seen) return;
    t.seen = this.seen;
    if (t.scope >= 0 && this.visible !== null && this.visible[t.scope] === 0) return;
    const e = this.e;
    if (t.kind === "term") {
      const s = t.seq;
      if (s.seen === this.seen) return;
      if (this.mode !== Mode.Early) {
        s.seen = this.seen;
        this.pushTo(s);
      } else if (t.own ? t.filter.condition(e) : t.filter.matches(e)) {
        s.seen = this.seen;
        (this.uses === NO_USES ? (this.uses = []) : this.uses).push(s);
      }
      return;
    }
    if (t.kind === "sequence") {
      if (this.mode === Mode.Early) {
        if (t.seq.matcher.mayUse(e)) (this.uses === NO_USES ? (this.uses = []) : this.uses).push(t.seq);
      } else this.pushTo(t.seq);
      return;
    }
    if (this.mode === Mode.Sequences) return;
    const f = t.rule.query.filter;
    if (t.kind === "dispatched" ? f.condition(e) : f.matches(e)) this.hit({ rule: t.rule.rule, events: [e], joinKeys: [], explanation: [f.explain(e)] });
  };

  private hit(h: DetectionHit) {
    if (this.hits === NO_HITS) this.hits = [];
    this.hits.push(h);
  }

  constructor(rules: CompiledRule[], options: DetectorOptions = {}) {
    // Each target with its categories (null: any) and its index keys in a category's index, added
    // to the indexes once every category is known.
    const reused = new Set<SequenceRule>();
    const placed: Placed[] = [];
    for (const r of rules) {
      const q = r.query;
      const scope = this.scopes.scopeOf(r.rule.index);
      if (q.kind === "event") {
        // Rules reading another category field keep their own category check.
        const dispatchable = q.filter.category !== null && !r.rule.eventCategoryOverride;
        const keys = r.ast.kind === "event" ? [indexKeyOf(r.ast.filter.condition)] : [null];
        const rule = r as EventRule;
        placed.push(
          dispatchable
            ? { target: { kind: "dispatched", rule, seen: 0, scope }, categories: [q.filter.category!], keysIn: () => keys }
            : { target: { kind: "own-category", rule, seen: 0, scope }, categories: null, keysIn: () => keys },
        );
      } else if (q.kind === "sequence") {
        const kept = options.previous?.sequences.find((s) => s.compiled.query === q && !reused.has(s));
        if (kept) reused.add(kept);
        const groupKey = `${r.rule.tiebreakerField ?? ""}`;
        let group = this.ordinalGroupKeys.indexOf(groupKey);
        if (group < 0) {
          group = this.ordinalGroupKeys.push(groupKey) - 1;
          this.ordinalGroups.push(q.ordinal);
          this.ords.push(undefined);
          const g = group;
          this.ordinalOf.push(() => (this.ords[g] ??= this.ordinalGroups[g](this.e, this.ePos)));
        }
        const matcher = kept?.matcher ?? new SequenceMatcher(q, options.storeFor?.(r) ?? new MemoryStateStore<KeyState>(), sequenceBounds(r.rule));
        const seq: SequenceRule = { compiled: r, matcher, group, seen: 0 };
        this.sequences.push(seq);
        const compiledTerms = [...q.terms, ...(q.until ? [q.until] : [])];
        const cats = compiledTerms.map((t) => t.filter.category);
        const terms = r.ast.kind === "sequence" ? [...r.ast.terms, ...(r.ast.until ? [r.ast.until] : [])] : [];
        const target: Target = { kind: "sequence", seq, seen: 0, scope };
        if (terms.length === compiledTerms.length && !r.rule.eventCategoryOverride) {
          // A target per term (`with runs=N` expands terms, and keeps the rule-wide target below).
          terms.forEach((t, i) => {
            const category = compiledTerms[i].filter.category;
            const key = [indexKeyOf(t.filter.condition)];
            const term: Target = { kind: "term", seq, filter: compiledTerms[i].filter, own: category !== null, seen: 0, scope };
            placed.push({ target: term, categories: category === null ? null : [category], keysIn: () => key });
          });
        } else if (cats.includes(null) || r.rule.eventCategoryOverride) {
          const keys = terms.map((t) => indexKeyOf(t.filter.condition));
          placed.push({ target, categories: null, keysIn: () => keys });
        } else {
          // Within one category, only the terms of that category need to find the rule.
          const keysIn = (c: string | null) => terms.filter((t) => t.filter.category === c).map((t) => indexKeyOf(t.filter.condition));
          placed.push({ target, categories: [...new Set(cats as string[])], keysIn });
        }
      } else this.samples.push(r);
    }
    this.rules = new CategoryIndexes(placed);
  }

  /**
   * Evaluates one event (events should arrive in time order); returns the hits it completes.
   * `index` is where it was shipped: only rules whose index patterns match it see it (none: all do).
   */
  process(e: EqlEvent, index?: string | null): readonly DetectionHit[] {
    return this.run(e, index, Mode.All);
  }

  /**
   * The part of `process` that needs no state, for an event just read (while it is in cache),
   * before it is known whether it is new: the event rules' hits, and the sequence rules that can
   * use the event (it meets one of their terms or their `until`). `processSequences` does the rest
   * later, without looking the rules up again. With no sequence rule to use it, the event need
   * not be kept: feeding it would only have let time pass for the matchers, as a later event does.
   */
  readEvent(e: EqlEvent, index?: string | null): EarlyDetection {
    this.uses = NO_USES;
    const hits = this.run(e, index, Mode.Early);
    // Most events meet nothing: they share one answer rather than allocate their own.
    const early: EarlyDetection = hits.length === 0 && this.uses.length === 0 ? this.nothing : { hits, sequences: this.uses, detector: this };
    this.uses = NO_USES;
    return early;
  }

  private readonly nothing: EarlyDetection = { hits: NO_HITS, sequences: NO_USES, detector: this };

  /**
   * The sequence rules' part of `process` for an event `readEvent` read (in time order, once per
   * event). Done by another detector than this one (rules changed since), it looks them up again.
   */
  processSequences(e: EqlEvent, index: string | null | undefined, early: EarlyDetection): readonly DetectionHit[] {
    if (early.detector !== this) return this.run(e, index, Mode.Sequences);
    if (early.sequences.length === 0) return NO_HITS;
    this.begin(e);
    for (const s of early.sequences as SequenceRule[]) this.pushTo(s);
    this.e = {};
    return this.hits;
  }

  private run(e: EqlEvent, index: string | null | undefined, mode: Mode): readonly DetectionHit[] {
    this.mode = mode;
    this.visible = this.scopes.visible(index);
    if (mode === Mode.Early) {
      this.e = e;
      this.hits = NO_HITS;
      this.seen++;
    } else this.begin(e);
    this.rules.candidates(e, categoriesOf(this.categoryOf(e)), this.visit);
    this.e = {};
    return this.hits;
  }

  /** Starts an event's turn in the matchers: its position, and state expired now and then. */
  private begin(e: EqlEvent) {
    this.e = e;
    this.ePos = this.pos++;
    if ((this.ePos & (EXPIRY_EVERY - 1)) === 0 && this.sequences.length > 0) this.expireSequences();
    this.hits = NO_HITS;
    this.seen++;
    this.ords.fill(undefined);
  }

  private pushTo(s: SequenceRule) {
    const done = s.matcher.push(this.e, this.ordinalOf[s.group]);
    for (let i = 0; i < done.length; i++) this.hit(sequenceHit(s, done[i].events, done[i].joinKeys));
  }

  /**
   * Whether `process` could do anything with the event: some rule's index admits it (its fields
   * in `unknown` may still get any value). An event it could not is safe to leave out, so ingest
   * need not keep it until its window is detected on.
   */
  mayMatch(e: EqlEvent, unknown?: ReadonlySet<string>): boolean {
    return this.rules.mayMatch(e, categoriesOf(this.categoryOf(e)), unknown);
  }

  /**
   * Sequence state no event can still advance is dropped, judged by the newest event time seen
   * (sampled here), for every sequence rule — also those few events reach, which would otherwise
   * keep their state until their own count of events came round.
   */
  private expireSequences() {
    const ts = this.ordinalGroups[0](this.e, this.ePos).ts;
    if (Number.isFinite(ts) && ts > this.newest) this.newest = ts;
    if (this.newest === Number.NEGATIVE_INFINITY) return;
    for (const s of this.sequences) s.matcher.expire(this.newest);
  }

  /** Ends the stream: sequences waiting on a trailing missing-event window are decided. */
  flush(): DetectionHit[] {
    return this.sequences.flatMap((s) => s.matcher.flush().map((m) => sequenceHit(s, m.events, m.joinKeys)));
  }
}

const NONE: string[] = [];
const enum Mode {
  All,
  Early,
  Sequences,
}
const NO_USES: SequenceRule[] = Object.freeze([]) as unknown as SequenceRule[];

/** What `readEvent` found: the event rules' hits, and the sequence rules to feed the event to. */
export interface EarlyDetection {
  hits: readonly DetectionHit[];
  /** Opaque to callers: the sequence rules of `detector` that can use the event. */
  sequences: readonly unknown[];
  detector: Detector;
}
/** Events between two expiry checks of sequence state (a power of two). */
const EXPIRY_EVERY = 1024;

/**
 * A sequence rule's state bounds: without maxspan, a sequence can span no more than the rule's
 * look-back (Elastic's search covers only that), and events may come as late as the look-back
 * beyond the interval and still count, as they would in Elastic's next run.
 */
export function sequenceBounds(rule: Pick<CompiledRule["rule"], "from" | "interval">): SequenceOptions {
  const lookBack = durationMs(rule.from);
  return { horizonMs: lookBack, lateMs: Math.max(0, lookBack - durationMs(rule.interval)) };
}
/** Returned for the (usual) event that completes nothing, so no array is allocated for it. */
const NO_HITS: DetectionHit[] = Object.freeze([]) as unknown as DetectionHit[];

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
