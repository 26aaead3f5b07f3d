/** Compiles a parsed query into filters, join-key extractors and an ordinal function. */
import type { EventFilter, Expr, Pipe, Query, SequenceTerm } from "./ast";
import { EqlError, locate } from "./errors";
import { generatePredicate } from "./codegen";
import { checkQuery } from "./check";
import { compileCondition, compileExpr, type CompiledExpr, type MatchedCondition } from "./compile-expr";
import { compileAccessor, flattenMapping, resolveAlias, type EqlEvent, type FieldType, type FieldTypes } from "./fields";
import { parse } from "./parser";
import { elements, parseDateWithFormat, type Scalar } from "./values";

/** Settings of the EQL search API that change how events are read. */
export interface EngineOptions {
  /** Field holding the event category (default `event.category`). */
  categoryField?: string;
  /** Field holding the event time (default `@timestamp`). */
  timestampField?: string;
  /** Field breaking ties between events with the same timestamp (default none). */
  tiebreakerField?: string | null;
  /** An Elasticsearch mapping (`{properties}` or `{mappings: {properties}}`), for field types. */
  mapping?: unknown;
  /** Field types given directly (instead of a mapping). */
  fieldTypes?: FieldTypes;
  /**
   * The mapping names every field the events have (default), so a field outside it is an error, as
   * in Elasticsearch. False when it only gives some fields' types (others are mapped dynamically).
   */
  mappingIsComplete?: boolean;
  /** Also refuse what Vigil otherwise accepts and Elasticsearch may not (docs/eql-semantics.md). */
  strict?: boolean;
}

export interface CompiledFilter {
  category: string | null;
  /** True when the event is of the category and the condition is true (never null). */
  matches: (e: EqlEvent) => boolean;
  /** The condition alone, for callers that already dispatched on the category. */
  condition: (e: EqlEvent) => boolean;
  /** The conditions that held, for a matching event. */
  explain: (e: EqlEvent) => MatchedCondition[];
}

export type KeyValue = Scalar | null;

export interface CompiledTerm {
  filter: CompiledFilter;
  /** Join-key tuples of an event: several when a key field is multi-valued; none when a required key is null. */
  keys: (e: EqlEvent) => KeyValue[][];
  missing: boolean;
}

/** Position of an event in time: timestamp, tiebreaker, then arrival order. */
export interface Ordinal {
  ts: number;
  tb: KeyValue;
  pos: number;
}

interface Common {
  source: string;
  pipes: Pipe[];
  ordinal: (e: EqlEvent, pos: number) => Ordinal;
  /** The fields the ordinal reads, with their mapped types: Elasticsearch refuses a search over events it cannot order by them. */
  ordinalFields: { role: "timestamp" | "tiebreaker"; name: string; type?: string }[];
  /** Types of the join-key positions (date keys are rendered as dates). */
  keyTypes: (FieldType | undefined)[];
}

export type CompiledQuery =
  | (Common & { kind: "event"; filter: CompiledFilter })
  | (Common & { kind: "sequence"; terms: CompiledTerm[]; until: CompiledTerm | null; maxspan: number })
  | (Common & { kind: "sample"; terms: CompiledTerm[] });

/** Parses and compiles a query. Throws EqlError on any problem. */
export function compileQuery(source: string, options: EngineOptions = {}): CompiledQuery {
  return compileParsed(parse(source), source, options);
}

export function compileParsed(ast: Query, source: string, options: EngineOptions = {}): CompiledQuery {
  const fieldTypes = options.fieldTypes ?? (options.mapping ? flattenMapping(options.mapping) : undefined);
  const categoryField = options.categoryField ?? "event.category";
  // Events are selected by their category: a complete mapping without that field cannot be queried.
  if (fieldTypes && options.mappingIsComplete !== false && !fieldTypes.has(resolveAlias(categoryField, fieldTypes))) {
    throw new EqlError("semantic", `unknown field [${categoryField}] (not in the mapping): events are selected by it`, source, locate(source, 0));
  }
  // What Elasticsearch would refuse is refused here too, before anything runs (check.ts).
  const [problem] = checkQuery(ast, source, fieldTypes, options.mappingIsComplete !== false, options.strict);
  if (problem) throw problem;
  const ctx = { source, fieldTypes };
  const categoryGet = fieldGetter(categoryField, fieldTypes);
  const ordinal = ordinalFn(options, fieldTypes);
  const [tsName, tbName] = ordinalFieldNames(options, fieldTypes);
  const ordinalFields: Common["ordinalFields"] = [{ role: "timestamp", name: tsName, type: fieldTypes?.get(tsName)?.type }];
  if (tbName) ordinalFields.push({ role: "tiebreaker", name: tbName, type: fieldTypes?.get(tbName)?.type });
  const filter = (f: EventFilter) => compileFilter(f, compileCondition(f.condition, ctx), categoryGet);
  if (ast.kind === "event") return { kind: "event", source, pipes: ast.pipes, ordinal, ordinalFields, keyTypes: [], filter: filter(ast.filter) };

  const queryKeys = ast.keys.map((k) => compileKey(k, compileExpr(k, ctx)));
  const term = (t: SequenceTerm): CompiledTerm => {
    const keys = [...queryKeys, ...t.keys.map((k) => compileKey(k, compileExpr(k, ctx)))];
    return { filter: filter(t.filter), keys: keyTuples(keys), missing: t.missing };
  };
  const keyCounts = new Set(ast.terms.map((t) => t.keys.length));
  if (keyCounts.size > 1 || (ast.kind === "sequence" && ast.until && !keyCounts.has(ast.until.keys.length))) {
    const bad = ast.terms.find((t) => t.keys.length !== ast.terms[0].keys.length) ?? (ast.kind === "sequence" ? ast.until : null) ?? ast.terms[0];
    throw compileError(source, bad.span.start, `every filter needs the same number of join keys (the first has ${ast.terms[0].keys.length})`);
  }
  const firstKeys = [...ast.keys, ...ast.terms[0].keys];
  const keyTypes = firstKeys.map((k) => (k.kind === "field" ? fieldTypes?.get(resolveAlias(k.path.join("."), fieldTypes)) : undefined));
  // `with runs=N` is N copies of the same term, compiled once (the matcher evaluates it once per event).
  const expanded = ast.terms.flatMap((t) => {
    const compiled = term(t);
    return Array.from({ length: t.runs }, () => compiled);
  });
  if (ast.kind === "sample") return { kind: "sample", source, pipes: ast.pipes, ordinal, ordinalFields, keyTypes, terms: expanded };
  return {
    kind: "sequence",
    source,
    pipes: ast.pipes,
    ordinal,
    ordinalFields,
    keyTypes,
    terms: expanded,
    until: ast.until ? term(ast.until) : null,
    maxspan: ast.maxspan,
  };
}

function compileError(source: string, offset: number, message: string): EqlError {
  return new EqlError("semantic", message, source, locate(source, offset));
}

function fieldGetter(name: string, types: FieldTypes | undefined) {
  const resolved = resolveAlias(name, types);
  return compileAccessor(resolved.split("."));
}

function compileFilter(f: EventFilter, cond: CompiledExpr, categoryGet: (e: EqlEvent) => unknown): CompiledFilter {
  const category = f.category;
  let inCategory: (e: EqlEvent) => boolean;
  if (category === null) inCategory = () => true;
  else
    inCategory = (e) => {
      const c = categoryGet(e);
      if (c === category) return true;
      return Array.isArray(c) && c.includes(category);
    };
  const filter: CompiledFilter = {
    category,
    matches: inCategory,
    condition: inCategory,
    explain: (e) => {
      const out: MatchedCondition[] = [];
      if (!inCategory(e)) return out;
      return cond.why(e, out) === true ? out : [];
    },
  };
  // The generated functions are installed on the filter (and replaced when reordered), so a call
  // to `filter.matches` goes straight to the rule's own code.
  generatePredicate(cond, (test) => {
    filter.condition = test;
    if (category === null) filter.matches = test;
  });
  if (category !== null) {
    // The category is one more conjunct, written out like any string test. It starts first and
    // takes part in the adaptive order: when a condition (process.name == "kubectl") rejects more
    // events, it runs before the category and the event's category field is not even read.
    const categoryLeaf: CompiledExpr = {
      ev: inCategory,
      why: inCategory,
      isTrue: inCategory,
      isFalse: (e) => !inCategory(e),
      isFloat: false,
      inline: { get: categoryGet, negated: false, general: (v) => Array.isArray(v) && v.includes(category), code: () => `x === ${JSON.stringify(category)}` },
    };
    const parts = cond.logic?.op === "and" ? [categoryLeaf, ...cond.logic.parts] : [categoryLeaf, cond];
    generatePredicate({ ...cond, inline: undefined, logic: { op: "and", parts } }, (test) => {
      filter.matches = test;
    });
  }
  return filter;
}

interface KeyGetter {
  get: (e: EqlEvent) => unknown;
  optional: boolean;
  type?: FieldType;
}

function compileKey(ast: Expr, compiled: CompiledExpr): KeyGetter {
  return { get: compiled.ev, optional: ast.kind === "field" && ast.optional, type: compiled.field?.type };
}

/** Normalises a key value: dates become epoch milliseconds so different formats join. */
function normaliseKey(v: Scalar, type: FieldType | undefined): Scalar {
  if (type?.type === "date" || type?.type === "date_nanos") return parseDateWithFormat(v, type.format) ?? v;
  return v;
}

function keyTuples(getters: KeyGetter[]): (e: EqlEvent) => KeyValue[][] {
  if (getters.length === 0) {
    const empty: KeyValue[][] = [[]];
    return () => empty;
  }
  return (e) => {
    let tuples: KeyValue[][] = [[]];
    for (const g of getters) {
      const raw = g.get(e);
      let values: KeyValue[];
      if (Array.isArray(raw)) {
        const seen = new Set<Scalar>();
        for (const x of elements(raw)) seen.add(normaliseKey(x, g.type));
        values = [...seen];
      } else if (raw === null || raw === undefined || typeof raw === "object") values = [];
      else values = [normaliseKey(raw as Scalar, g.type)];
      if (values.length === 0) {
        if (!g.optional) return [];
        values = [null];
      }
      if (values.length === 1) for (const t of tuples) t.push(values[0]);
      else tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    }
    return tuples;
  };
}

function ordinalFieldNames(options: EngineOptions, types: FieldTypes | undefined): [string, string | null] {
  return [resolveAlias(options.timestampField ?? "@timestamp", types), options.tiebreakerField ? resolveAlias(options.tiebreakerField, types) : null];
}

function ordinalFn(options: EngineOptions, types: FieldTypes | undefined): (e: EqlEvent, pos: number) => Ordinal {
  const [tsName, tbName] = ordinalFieldNames(options, types);
  const tsGet = compileAccessor(tsName.split("."));
  const tsFormat = types?.get(tsName)?.format;
  const tbGet = tbName ? compileAccessor(tbName.split(".")) : null;
  return (e, pos) => {
    const raw = tsGet(e);
    const v = Array.isArray(raw) ? elements(raw)[0] : raw;
    const ts = v === undefined || v === null ? Number.NEGATIVE_INFINITY : (parseDateWithFormat(v, tsFormat) ?? Number.NEGATIVE_INFINITY);
    let tb: KeyValue = null;
    if (tbGet) {
      const t = tbGet(e);
      const first = Array.isArray(t) ? elements(t)[0] : t;
      tb = first === undefined || first === null || typeof first === "object" ? null : (first as Scalar);
    }
    return { ts, tb, pos };
  };
}
