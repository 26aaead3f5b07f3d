/**
 * A necessary-condition index over rules (the "alpha network" of rule engines): from each rule's
 * condition, value sets of fields (`field == "x"`, `field in (…)`, `field : ("lit", …)` without
 * wildcards, combined through `and` — the most selective side — and `or` — both sides) such that
 * a matching event must have one of those values. An event is only evaluated against the rules whose
 * indexed value set contains one of its values for that field, plus the rules without such a
 * conjunct. Candidates are still evaluated in full, so results are exactly those of evaluating
 * every rule; the index only skips rules that cannot match.
 */
import type { Expr } from "../eql";
import { compileAccessor } from "../eql/fields";
import { toLowerFast } from "../eql/wildcard";
import type { EqlEvent } from "../eql";

/**
 * Fields whose values most events share (OS, action, type, user): used only when a rule offers
 * nothing finer, and then preferring a rare value (`load_module`) over a common one (`exec`).
 */
const COARSE = new Set([
  "host.os.type", "event.type", "event.action", "event.category", "event.kind", "event.outcome", "event.dataset", "event.module",
  "data_stream.dataset", "data_stream.type", "host.os.name", "host.os.platform", "host.os.family", "agent.type", "user.id",
  "user.name", "process.user.id", "network.direction", "network.transport", "event.provider",
]);
const COMMON_VALUES = new Set(["=exec", "=exec_event", "=start", "=process_started", "=executed", "=processrollup2", "=fork", "=end", "=linux", "=windows", "=macos", "=0", "=root", "=process", "=file", "=network", "=info", "=success", "=endpoint"]);

/** Fields tried first, most selective in endpoint telemetry. */
const PREFERRED: string[] = ["process.name", "process.parent.name", "file.name", "file.extension", "process.executable", "dll.name", "dns.question.name", "registry.value"];

/**
 * The event may match only if, for one alternative, one of its values for the field is in the set
 * (values tagged `=exact`, `^prefix`, `$suffix`, lower-cased).
 */
export interface IndexKey {
  alternatives: { field: string; values: Set<string> }[];
}

const NUMERIC = /^\s*[-+]?(\d|\.\d)/;
const MIN_AFFIX = 2;

/**
 * The index key a wildcard pattern implies, tagged: `=lit` (no wildcard), `^prefix` (the literal
 * text before the first wildcard), `$suffix` (after the last); null when neither end is literal.
 */
function patternKey(pattern: string): string | null {
  const first = pattern.search(/[*?]/);
  if (first < 0) return `=${pattern}`;
  if (first >= MIN_AFFIX) return `^${pattern.slice(0, first)}`;
  const last = Math.max(pattern.lastIndexOf("*"), pattern.lastIndexOf("?"));
  if (pattern.length - last - 1 >= MIN_AFFIX) return `$${pattern.slice(last + 1)}`;
  return null;
}

function literalSet(e: Expr): { field: string; values: string[] } | null {
  if (e.kind === "paren") return literalSet(e.inner);
  const fieldOf = (x: Expr) => (x.kind === "field" && x.path.every((p) => typeof p === "string") ? x.path.join(".") : null);
  const strings = (xs: Expr[]) => {
    const out: string[] = [];
    for (const x of xs) {
      if (x.kind !== "literal" || x.type !== "string" || NUMERIC.test(x.value)) return null;
      out.push(x.value);
    }
    return out;
  };
  if (e.kind === "compare" && e.op === "==") {
    const field = fieldOf(e.left);
    const vals = strings([e.right]);
    return field && vals ? { field, values: vals.map((v) => `=${v}`) } : null;
  }
  if (e.kind === "in" && !e.negated) {
    const field = fieldOf(e.value);
    const vals = strings(e.items);
    return field && vals ? { field, values: vals.map((v) => `=${v}`) } : null;
  }
  if (e.kind === "match" && !e.negated && (e.op === ":" || e.op === "like" || e.op === "like~")) {
    const field = fieldOf(e.value);
    const vals = strings(e.patterns);
    if (!field || !vals) return null;
    const keys: string[] = [];
    for (const v of vals) {
      const k = patternKey(v);
      if (k === null) return null;
      keys.push(k);
    }
    return { field, values: keys };
  }
  if (e.kind === "logical" && e.op === "or") {
    const l = literalSet(e.left);
    const r = literalSet(e.right);
    return l && r && l.field === r.field ? { field: l.field, values: [...l.values, ...r.values] } : null;
  }
  return null;
}

type Alternative = { field: string; values: string[] };

const rank = (f: string) => (PREFERRED.includes(f) ? PREFERRED.indexOf(f) : PREFERRED.length);
/** Lower is better: any fine-grained key beats a coarse one; then fewer fields and values. */
const cost = (alts: Alternative[]) =>
  (alts.some((a) => COARSE.has(a.field)) ? 1e6 : 0) +
  (alts.some((a) => COARSE.has(a.field) && a.values.some((v) => COMMON_VALUES.has(v.toLowerCase()))) ? 1e5 : 0) +
  alts.reduce((n, a) => n + a.values.reduce((m, v) => m + (v[0] === "=" ? 1 : 3), 0) + rank(a.field) * 0.01, 0) +
  alts.length * 10;

/**
 * Alternatives such that, whenever the condition is true, at least one holds (the event has a
 * value of that field in the set); null when no such index condition can be derived.
 */
function necessary(e: Expr): Alternative[] | null {
  if (e.kind === "paren") return necessary(e.inner);
  const leaf = literalSet(e);
  if (leaf) return [leaf];
  if (e.kind === "logical" && e.op === "and") {
    const l = necessary(e.left);
    const r = necessary(e.right);
    if (!l) return r;
    if (!r) return l;
    return cost(l) <= cost(r) ? l : r;
  }
  if (e.kind === "logical" && e.op === "or") {
    const l = necessary(e.left);
    const r = necessary(e.right);
    return l && r ? [...l, ...r] : null;
  }
  return null;
}

/** Derives the index key of a condition, or null when it has none worth indexing. */
export function indexKeyOf(condition: Expr): IndexKey | null {
  const alts = necessary(condition);
  if (!alts) return null;
  const byField = new Map<string, Set<string>>();
  for (const a of alts) {
    const set = byField.get(a.field) ?? new Set<string>();
    for (const v of a.values) set.add(v[0] + v.slice(1).toLowerCase());
    byField.set(a.field, set);
  }
  return { alternatives: [...byField].map(([field, values]) => ({ field, values })) };
}

/** A character trie of prefixes (or reversed suffixes): a lookup walks the value without allocating. */
interface TrieNode<T> {
  next: Map<number, TrieNode<T>>;
  entries: Entry<T>[];
}

const newNode = <T>(): TrieNode<T> => ({ next: new Map(), entries: [] });

interface FieldIndex<T> {
  field: string;
  /** Its top-level object (`winlog` of `winlog.event_id`), shared by the fields under it. */
  top: TopLevel;
  get: (e: EqlEvent) => unknown;
  exact: Map<string, Entry<T>[]>;
  prefixes: TrieNode<T>;
  suffixes: TrieNode<T>;
  hasAffixes: boolean;
}

function addTo<T>(map: Map<string, Entry<T>[]>, key: string, entry: Entry<T>) {
  const list = map.get(key) ?? [];
  if (!list.includes(entry)) list.push(entry);
  map.set(key, list);
}

interface Entry<T> {
  item: T;
  /** Number of the last lookup that visited the item, so each lookup visits it once. */
  mark: number;
}

/** Items (rules, or sequence rules) retrievable by the values of an event's indexed fields. */
/**
 * A top-level name of indexed fields, marked with the number of each lookup whose event has it (as
 * an object or as the first part of a dotted key), so fields under an object the event lacks are
 * not read: a rule set for many sources indexes `winlog.*`, `azure.*`… that a Linux event never has.
 */
interface TopLevel {
  mark: number;
}

export class RuleIndex<T> {
  private readonly fields = new Map<string, FieldIndex<T>>();
  private readonly tops = new Map<string, TopLevel>();
  /** The same field indexes as an array, for the per-event loop (no iterator allocated). */
  private fieldList: FieldIndex<T>[] = [];
  private readonly entries = new Map<T, Entry<T>>();
  private lookups = 0;
  /** Items with no usable key: always candidates. */
  readonly unindexed: T[] = [];

  /** Adds an item; with several keys (a sequence's terms), it is a candidate when any key matches. */
  add(item: T, keys: (IndexKey | null)[]): void {
    if (keys.length === 0 || keys.some((k) => k === null)) {
      this.unindexed.push(item);
      return;
    }
    let entry = this.entries.get(item);
    if (!entry) {
      entry = { item, mark: 0 };
      this.entries.set(item, entry);
    }
    for (const key of (keys as IndexKey[]).flatMap((k) => k.alternatives)) {
      let f = this.fields.get(key.field);
      if (!f) {
        const name = key.field.split(".")[0];
        let top = this.tops.get(name);
        if (!top) this.tops.set(name, (top = { mark: 0 }));
        f = { field: key.field, top, get: compileAccessor(key.field.split(".")), exact: new Map(), prefixes: newNode(), suffixes: newNode(), hasAffixes: false };
        this.fields.set(key.field, f);
        this.fieldList = [...this.fields.values()];
      }
      for (const tagged of key.values) {
        const v = tagged.slice(1);
        if (tagged[0] === "=") addTo(f.exact, v, entry);
        else {
          const prefix = tagged[0] === "^";
          let node = prefix ? f.prefixes : f.suffixes;
          for (let i = 0; i < v.length; i++) {
            const c = v.charCodeAt(prefix ? i : v.length - 1 - i);
            let child = node.next.get(c);
            if (!child) node.next.set(c, (child = newNode()));
            node = child;
          }
          if (!node.entries.includes(entry)) node.entries.push(entry);
          f.hasAffixes = true;
        }
      }
    }
  }

  /** Calls `visit` once for every item that may match the event (unindexed ones included). */
  candidates(e: EqlEvent, visit: (item: T) => void): void {
    for (let i = 0; i < this.unindexed.length; i++) visit(this.unindexed[i]);
    const mark = ++this.lookups;
    this.markTops(e, mark);
    const fields = this.fieldList;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.top.mark !== mark) continue;
      const raw = f.get(e);
      if (raw === undefined || raw === null) continue;
      if (typeof raw === "string") this.visitValue(f, raw, mark, visit);
      else this.visitValues(f, raw, mark, visit);
    }
  }

  private found = false;
  private readonly markFound = () => {
    this.found = true;
  };

  /**
   * Whether any item may match the event (`candidates` would visit one). A field in `unknown` has a
   * value not known yet (filled in later): every item keyed on it may match.
   */
  mayMatch(e: EqlEvent, unknown?: ReadonlySet<string>): boolean {
    if (this.unindexed.length) return true;
    this.found = false;
    const mark = ++this.lookups;
    this.markTops(e, mark);
    const fields = this.fieldList;
    for (let i = 0; i < fields.length && !this.found; i++) {
      const f = fields[i];
      if (unknown?.has(f.field)) return true;
      if (f.top.mark !== mark) continue;
      const raw = f.get(e);
      if (raw === undefined || raw === null) continue;
      if (typeof raw === "string") this.visitValue(f, raw, mark, this.markFound);
      else this.visitValues(f, raw, mark, this.markFound);
    }
    return this.found;
  }

  /** Marks the top-level names the event has, as keys or as the first part of dotted keys. */
  private markTops(e: EqlEvent, mark: number): void {
    for (const k in e) {
      const dot = k.indexOf(".");
      const top = this.tops.get(dot < 0 ? k : k.slice(0, dot));
      if (top) top.mark = mark;
    }
  }

  /** Each scalar of a non-string value (number, boolean, array, nested arrays). */
  private visitValues(f: FieldIndex<T>, raw: unknown, mark: number, visit: (item: T) => void) {
    if (Array.isArray(raw)) {
      for (let i = 0; i < raw.length; i++) {
        const v = raw[i];
        if (typeof v === "string") this.visitValue(f, v, mark, visit);
        else if (v !== null && v !== undefined) this.visitValues(f, v, mark, visit);
      }
    } else if (typeof raw !== "object") this.visitValue(f, String(raw), mark, visit);
  }

  private visitValue(f: FieldIndex<T>, raw: string, mark: number, visit: (item: T) => void) {
    const value = toLowerFast(raw);
    this.visitList(f.exact.get(value), mark, visit);
    if (!f.hasAffixes) return;
    let node: TrieNode<T> | undefined = f.prefixes;
    for (let i = 0; i < value.length && node; i++) {
      node = node.next.get(value.charCodeAt(i));
      if (node && node.entries.length) this.visitList(node.entries, mark, visit);
    }
    node = f.suffixes;
    for (let i = value.length - 1; i >= 0 && node; i--) {
      node = node.next.get(value.charCodeAt(i));
      if (node && node.entries.length) this.visitList(node.entries, mark, visit);
    }
  }

  private visitList(list: Entry<T>[] | undefined, mark: number, visit: (item: T) => void) {
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      if (entry.mark === mark) continue;
      entry.mark = mark;
      visit(entry.item);
    }
  }

  /** How many items the index can skip, for reports. */
  get indexedCount(): number {
    return this.entries.size;
  }
}
