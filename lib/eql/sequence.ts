/**
 * Streaming sequence matching with Elasticsearch's semantics: per join key, each stage keeps the
 * latest partial sequence; a hit on stage n advances the latest partial of stage n-1 (older ones
 * are dropped, as Elasticsearch trims them); maxspan is inclusive; an `until` event stops older partials of its key; missing
 * events (`![…]`) reject a completed sequence when one occurs in its window.
 * State lives in an injected store, so the same matcher runs in a route, a worker or a test.
 */
import type { CompiledQuery, CompiledTerm, KeyValue, Ordinal } from "./compile";
import type { EqlEvent } from "./fields";
import { MemoryStateStore, type StateStore } from "./store";

export type SequenceQuery = Extract<CompiledQuery, { kind: "sequence" }>;

export interface SequenceMatch {
  joinKeys: KeyValue[];
  /** One event per stage; null where a missing event (`![…]`) stood. */
  events: (EqlEvent | null)[];
  ordinals: (Ordinal | null)[];
}

interface Partial {
  joinKeys: KeyValue[];
  events: (EqlEvent | null)[];
  ordinals: (Ordinal | null)[];
}

/** Per join key: the latest partial per stage, and recent hits of missing-event stages. */
export interface KeyState {
  slots: (Partial | undefined)[];
  /** Latest `until` event for the key: partials older than it cannot advance past it. */
  until?: Ordinal;
  missing?: Ordinal[][];
}

export interface SequenceStats {
  /** Partials dropped because their maxspan had passed. */
  expired: number;
  /** Sequences rejected by maxspan, until or a missing event. */
  rejected: number;
}

export interface SequenceOptions {
  /**
   * For a query without maxspan, the longest a sequence may span: a rule's look-back (Elastic
   * searches only that far back, so it can find no longer sequence). 0: unbounded.
   */
  horizonMs?: number;
  /**
   * How late an event may arrive behind the newest one seen and still complete a partial: state is
   * dropped only once the newest event is this far past its span (a rule's additional look-back).
   */
  lateMs?: number;
}

const HISTORY_CAP = 10_000;
const NONE: SequenceMatch[] = Object.freeze([]) as unknown as SequenceMatch[];

/** Serialises a join-key tuple to a store key. */
export function keyString(keys: readonly KeyValue[]): string {
  let s = "";
  for (const k of keys) s += (k === null ? "\u0000" : typeof k === "string" ? `s${k}` : `${typeof k === "number" ? "n" : "b"}${k}`) + "\u0001";
  return s;
}

export function compareOrdinals(a: Ordinal, b: Ordinal): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  if (a.tb !== b.tb) {
    if (a.tb === null) return -1;
    if (b.tb === null) return 1;
    if (a.tb < b.tb) return -1;
    if (a.tb > b.tb) return 1;
  }
  return a.pos - b.pos;
}

export class SequenceMatcher {
  readonly stats: SequenceStats = { expired: 0, rejected: 0 };
  private readonly positive: number[];
  private readonly prev: number[];
  private readonly first: number;
  private readonly last: number;
  private readonly hasMissing: boolean;
  private readonly trailingMissing: boolean;
  private pending: { partial: Partial; deadline: number }[] = [];
  private seen = 0;
  /** The longest a sequence may span (maxspan, else the horizon); 0: unbounded. */
  private readonly span: number;
  private readonly late: number;
  /** No state is older than this (a lower bound): nothing can expire before the newest event passes it by span + late. */
  private oldest = Number.POSITIVE_INFINITY;
  private readonly buffer: SequenceMatch[] = [];
  /**
   * Per stage, how many keys hold a partial there (never fewer than the truth: a key the store
   * evicts is only uncounted at the next sweep). A stage whose previous stage holds nothing cannot
   * advance, so its filter is not evaluated — most events then meet only the first term.
   */
  private readonly live: Int32Array;

  constructor(
    readonly query: SequenceQuery,
    readonly store: StateStore<KeyState> = new MemoryStateStore<KeyState>(),
    options: SequenceOptions = {},
  ) {
    this.span = query.maxspan > 0 ? query.maxspan : Math.max(0, options.horizonMs ?? 0);
    this.late = Math.max(0, options.lateMs ?? 0);
    const terms = query.terms;
    this.positive = terms.map((t, i) => (t.missing ? -1 : i)).filter((i) => i >= 0);
    this.first = this.positive[0];
    this.last = this.positive[this.positive.length - 1];
    this.prev = terms.map((_, i) => {
      for (let j = i - 1; j >= 0; j--) if (!terms[j].missing) return j;
      return -1;
    });
    this.hasMissing = terms.some((t) => t.missing);
    this.trailingMissing = terms[terms.length - 1].missing;
    this.live = new Int32Array(terms.length);
    this.recount();
  }

  /** Partials per stage and the oldest state, from the store (it may hold state from before this matcher). */
  private recount() {
    this.live.fill(0);
    let oldest = Number.POSITIVE_INFINITY;
    for (const [, state] of this.store.entries()) {
      for (let i = 0; i < state.slots.length; i++) {
        const p = state.slots[i];
        if (!p) continue;
        this.live[i]++;
        oldest = Math.min(oldest, p.ordinals[this.first]!.ts);
      }
      for (const h of state.missing ?? []) if (h.length) oldest = Math.min(oldest, h[0].ts);
    }
    this.oldest = oldest;
  }

  /**
   * Drops what no event can still advance, given the newest event time seen: partials whose span
   * has passed by more than the lateness allowed. Cheap when nothing can have expired; a sweep
   * waits until the oldest state is half a span past due, so each one frees a good share.
   */
  expire(newest: number): void {
    if (this.span <= 0 || !(newest - this.oldest > this.late + this.span * 1.5)) return;
    this.sweep(newest - this.late);
  }

  /**
   * Whether `push` could do anything with the event but let time pass: it meets one of the terms
   * (missing-event ones included) or the `until` condition. Stateless.
   */
  mayUse(e: EqlEvent): boolean {
    if (this.query.until?.filter.matches(e)) return true;
    const terms = this.query.terms;
    for (let i = 0; i < terms.length; i++) if (terms[i].filter.matches(e)) return true;
    return false;
  }

  /**
   * Feeds one event (in time order); returns the sequences it completes. The ordinal may be given
   * as a function, called only if the event takes part (most events meet no term).
   */
  push(e: EqlEvent, ordinal: Ordinal | (() => Ordinal)): SequenceMatch[] {
    // Most events complete nothing: collect into a reused buffer and return a shared empty array then.
    const out = this.buffer;
    const { terms, until } = this.query;
    let known = typeof ordinal === "function" ? null : ordinal;
    const lazy = typeof ordinal === "function" ? ordinal : null;
    if (this.pending.length > 0) this.finalizeUntil((known ??= lazy!()).ts, out);
    // Run alone (not under a Detector, which calls expire for every matcher), the matcher expires its own state.
    if (this.span > 0 && ++this.seen % 4096 === 0) this.expire((known ??= lazy!()).ts);

    if (until && this.store.size > 0 && until.filter.matches(e)) {
      const ord = (known ??= lazy!());
      for (const k of until.keys(e)) {
        const state = this.store.get(keyString(k));
        if (state) state.until = ord;
      }
    }
    if (this.hasMissing) this.recordMissing(e, (known ??= lazy!()));

    // Copies of one term (`with runs=N`) are evaluated once per event.
    let lastTerm: CompiledTerm | null = null;
    let lastKeys: KeyValue[][] | null = null;
    for (let p = this.positive.length - 1; p >= 0; p--) {
      const s = this.positive[p];
      if (s !== this.first && this.live[this.prev[s]] === 0) continue;
      const term = terms[s];
      let keys: KeyValue[][] | null;
      if (term === lastTerm) keys = lastKeys;
      else {
        keys = term.filter.matches(e) ? term.keys(e) : null;
        lastTerm = term;
        lastKeys = keys;
      }
      if (keys && keys.length > 0) {
        const ord = (known ??= lazy!());
        for (const k of keys) this.advance(s, k, e, ord, out);
      }
    }
    return out.length === 0 ? NONE : out.splice(0);
  }

  /** Ends the stream: sequences waiting on a trailing missing-event window are decided. */
  flush(): SequenceMatch[] {
    const out: SequenceMatch[] = [];
    this.finalizeUntil(Number.POSITIVE_INFINITY, out);
    return out;
  }

  private advance(s: number, k: KeyValue[], e: EqlEvent, ord: Ordinal, out: SequenceMatch[]) {
    const ks = keyString(k);
    let state = this.store.get(ks);
    let partial: Partial;
    if (s === this.first) {
      const n = this.query.terms.length;
      partial = { joinKeys: k, events: new Array(n).fill(null), ordinals: new Array(n).fill(null) };
      if (ord.ts < this.oldest) this.oldest = ord.ts;
    } else {
      const prev = this.prev[s];
      const found = state?.slots[prev];
      if (!found) return;
      state!.slots[prev] = undefined;
      this.live[prev]--;
      const start = found.ordinals[this.first]!;
      const until = state!.until;
      const killed = until !== undefined && compareOrdinals(until, found.ordinals[prev]!) >= 0 && compareOrdinals(until, ord) < 0;
      if (killed || (this.span > 0 && ord.ts - start.ts > this.span)) {
        this.stats.rejected++;
        this.cleanup(ks, state!);
        return;
      }
      partial = found;
    }
    partial.events[s] = e;
    partial.ordinals[s] = ord;
    if (s === this.last) {
      if (state) this.cleanup(ks, state);
      this.complete(partial, out);
      return;
    }
    if (!state) {
      state = { slots: new Array(this.query.terms.length).fill(undefined) };
      this.store.set(ks, state);
    }
    if (!state.slots[s]) this.live[s]++;
    state.slots[s] = partial;
  }

  private cleanup(ks: string, state: KeyState) {
    if (!state.missing && state.slots.every((x) => x === undefined)) this.store.delete(ks);
  }

  private complete(partial: Partial, out: SequenceMatch[]) {
    if (!this.hasMissing) {
      out.push(partial);
      return;
    }
    const startTs = partial.ordinals[this.first]!.ts;
    this.pending.push({ partial, deadline: this.trailingMissing ? startTs + this.query.maxspan : Number.NEGATIVE_INFINITY });
    if (!this.trailingMissing) this.finalizeUntil(Number.NEGATIVE_INFINITY, out, true);
  }

  private finalizeUntil(ts: number, out: SequenceMatch[], immediateOnly = false) {
    const keep: typeof this.pending = [];
    for (const p of this.pending) {
      if (immediateOnly ? p.deadline !== Number.NEGATIVE_INFINITY : p.deadline >= ts) keep.push(p);
      else if (this.passesMissing(p.partial)) out.push(p.partial);
      else this.stats.rejected++;
    }
    this.pending = keep;
  }

  private recordMissing(e: EqlEvent, ord: Ordinal) {
    const terms = this.query.terms;
    for (let i = 0; i < terms.length; i++) {
      const term: CompiledTerm = terms[i];
      if (!term.missing) continue;
      // A hit only matters inside a window that is open: after a partial of the stage before it,
      // or (trailing) after a completed sequence waiting on it. Leading hits always matter.
      if (i > this.first && (i > this.last ? this.pending.length === 0 : this.live[this.prev[i]] === 0)) continue;
      if (!term.filter.matches(e)) continue;
      for (const k of term.keys(e)) {
        const ks = keyString(k);
        let state = this.store.get(ks);
        if (!state) {
          state = { slots: new Array(terms.length).fill(undefined) };
          this.store.set(ks, state);
        }
        state.missing ??= terms.map(() => []);
        const hist = state.missing[i];
        hist.push(ord);
        if (ord.ts < this.oldest) this.oldest = ord.ts;
        const horizon = ord.ts - 2 * this.query.maxspan;
        while (hist.length > HISTORY_CAP || (this.query.maxspan > 0 && hist.length > 0 && hist[0].ts < horizon)) hist.shift();
      }
    }
  }

  /**
   * Elasticsearch's rule for missing events: a hit strictly between the neighbouring positive
   * events rejects; leading and trailing hits (the nearest before the first / after the last
   * positive event) reject only when they fall within maxspan of the sequence (of each other
   * when both kinds of stages exist).
   */
  private passesMissing(p: Partial): boolean {
    const terms = this.query.terms;
    const state = this.store.get(keyString(p.joinKeys));
    if (!state?.missing) return true;
    const startTs = p.ordinals[this.first]!.ts;
    const endTs = p.ordinals[this.last]!.ts;
    let lastLeading: number | null = null;
    let firstTrailing: number | null = null;
    for (let i = 0; i < terms.length; i++) {
      if (!terms[i].missing) continue;
      const hist = state.missing[i];
      if (i < this.first) {
        for (const o of hist) if (o.ts < startTs && (lastLeading === null || o.ts > lastLeading)) lastLeading = o.ts;
      } else if (i > this.last) {
        for (const o of hist) if (o.ts > endTs && (firstTrailing === null || o.ts < firstTrailing)) firstTrailing = o.ts;
      } else {
        const lo = p.ordinals[this.prev[i]]!.ts;
        let hi = Number.POSITIVE_INFINITY;
        for (let j = i + 1; j < terms.length; j++) {
          const o = p.ordinals[j];
          if (o) {
            hi = o.ts;
            break;
          }
        }
        if (hist.some((o) => o.ts > lo && o.ts < hi)) return false;
      }
    }
    const leadingStage = terms[0].missing;
    const trailingStage = terms[terms.length - 1].missing;
    const exceeds = (from: number | null, to: number | null) =>
      from === null || to === null || (this.query.maxspan > 0 && to - from > this.query.maxspan);
    return (
      (firstTrailing === null && lastLeading === null) ||
      (lastLeading === null && leadingStage) ||
      (firstTrailing === null && trailingStage) ||
      (leadingStage && trailingStage && exceeds(lastLeading, firstTrailing)) ||
      (leadingStage && !trailingStage && exceeds(lastLeading, endTs)) ||
      (!leadingStage && trailingStage && exceeds(startTs, firstTrailing))
    );
  }

  /** Drops partial sequences whose span has passed at `now`, so memory follows the live window. */
  private sweep(now: number) {
    const maxspan = this.span;
    const dead: string[] = [];
    for (const [ks, state] of this.store.entries()) {
      for (let i = 0; i < state.slots.length; i++) {
        const p = state.slots[i];
        if (p && now - p.ordinals[this.first]!.ts > maxspan) {
          state.slots[i] = undefined;
          this.stats.expired++;
        }
      }
      const live = state.missing?.some((h) => h.length > 0 && now - h[h.length - 1].ts <= 2 * maxspan);
      if (state.slots.every((x) => x === undefined) && !live) dead.push(ks);
    }
    for (const ks of dead) this.store.delete(ks);
    this.recount();
  }
}
