/**
 * The checker: between parsing and compiling, every semantic error Elasticsearch's verifier and
 * parser would answer 400 for, each with its position and caret excerpt — so a rule Elasticsearch
 * would refuse is reported when it is imported instead of running differently here. Sources: the
 * forms Elasticsearch refuses in its queries-unsupported.eql (elasticsearch-unsupported.test.ts),
 * the queries commented out of its test_queries.toml as unsupported, and its verifier's tests
 * (VerifierTests.java, replayed in elasticsearch-verifier.test.ts); docs/eql-semantics.md lists
 * each check.
 */
import { distance } from "fastest-levenshtein";
import type { EventFilter, Expr, Query, SequenceTerm, Span } from "./ast";
import { EqlError, locate } from "./errors";
import { pathToString, resolveAlias, type FieldTypes } from "./fields";
import { lookupFunction } from "./functions";

/** Functions whose first argument must be a string (a number literal there is refused). */
const STRING_FIRST = new Set(["between", "cidrmatch", "endswith", "indexof", "length", "number", "startswith", "stringcontains", "substring"]);
const ARITHMETIC = new Set(["add", "subtract", "multiply", "divide", "modulo"]);

/** Types EQL cannot query (Elasticsearch's verifier refuses them). */
const UNSUPPORTED_TYPES = new Set(["nested", "geo_point", "geo_shape", "shape", "point", "integer_range", "float_range", "long_range", "double_range", "date_range", "ip_range"]);
const NUMERIC = new Set(["long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long"]);
const STRINGS = new Set(["keyword", "constant_keyword", "wildcard", "text", "match_only_text"]);
/** Every type EQL knows; a field of any other (`int`, `flattened`, `join`…) cannot be queried. */
const KNOWN_TYPES = new Set([...NUMERIC, ...STRINGS, ...UNSUPPORTED_TYPES, "boolean", "date", "date_nanos", "ip", "version", "binary", "object", "alias"]);
/** Which literals a field of a type can be compared with; null when any can (dates, ips, versions…). */
function family(type: string): "number" | "string" | "boolean" | null {
  if (NUMERIC.has(type)) return "number";
  if (STRINGS.has(type)) return "string";
  if (type === "boolean") return "boolean";
  return null;
}

/** Up to three mapped fields within half their length of edits of an unknown name, nearest first. */
function didYouMean(name: string, types: FieldTypes): string {
  const near = [...types]
    .filter(([, t]) => t.type !== "object" && t.type !== "nested")
    .map(([k]) => k)
    .map((k) => ({ k, d: distance(name, k) }))
    .filter(({ k, d }) => d <= Math.max(name.length, k.length) / 2)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
  return near.length === 0 ? "" : near.length === 1 ? `; did you mean [${near[0]}]?` : `; did you mean any of [${near.join(", ")}]?`;
}

/** Whether Elasticsearch's query on a field of the type can read the literal (`"12"` as a long, `1` as a keyword). */
function readsAs(type: string, literal: Expr & { kind: "literal" }): boolean {
  switch (family(type)) {
    case "number":
      return literal.type === "number" || (literal.type === "string" && NUMBER_TEXT.test(literal.value));
    case "boolean":
      return literal.type === "boolean" || (literal.type === "string" && (literal.value === "true" || literal.value === "false"));
    default:
      return true;
  }
}
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const nth = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

/**
 * Every semantic error in the query, in source order; empty when Elasticsearch would run it. With
 * the field types of a mapping, also what its verifier refuses against that mapping: unknown
 * fields, objects and unsupported types used as values, text fields without an exact sub-field,
 * list items of another type than the field, mixed `in` lists and join keys whose types do not meet. `strict`
 * also refuses where Vigil is otherwise more lenient (optional fields; docs/eql-semantics.md).
 */
export function checkQuery(ast: Query, source: string, types?: FieldTypes, complete = true, strict = false): EqlError[] {
  const errors: EqlError[] = [];
  const fail = (message: string, span: Span) => errors.push(new EqlError("semantic", message, source, locate(source, span.start)));
  const text = (span: Span) => source.slice(span.start, span.end);

  /** The mapping's entry for a field reference; undefined when unmapped (or there is no mapping). */
  const mappingOf = (e: Expr) => (types && e.kind === "field" ? types.get(resolveAlias(pathToString(e.path), types)) : undefined);
  const typeOf = (e: Expr) => mappingOf(e)?.type;
  const mapped = (e: Expr & { kind: "field" }) => {
    if (!types || e.optional || e.path.some((p) => typeof p === "number")) return;
    const name = resolveAlias(pathToString(e.path), types);
    const t = types.get(name)?.type;
    if (t === undefined) {
      if (!complete) return;
      const isObject = [...types.keys()].some((k) => k.startsWith(`${name}.`));
      fail(isObject ? `[${text(e.span)}] is an object, not a field with a value` : `unknown field [${text(e.span)}] (not in the mapping)${didYouMean(name, types)}`, e.span);
    } else if (UNSUPPORTED_TYPES.has(t) || !KNOWN_TYPES.has(t)) fail(`field [${text(e.span)}] has the type [${t}], which EQL cannot query`, e.span);
    else if (types.get(name)?.nestedIn) fail(`field [${text(e.span)}] is inside the nested field [${types.get(name)!.nestedIn}], which EQL cannot query`, e.span);
    else if (t === "text" && ![...types.keys()].some((k) => k.startsWith(`${name}.`) && types.get(k)?.type === "keyword")) {
      fail(`field [${text(e.span)}] is [text] without a keyword sub-field: it has no exact values to compare`, e.span);
    }
  };
  /**
   * A list item of another type than the field (`process.pid in ("1", 2)`): Elasticsearch's `in`
   * requires every item to be compatible with the field, and answers with the item's ordinal.
   */
  const itemAgainst = (field: Expr, item: Expr, ordinal: number, span: Span) => {
    // An optional field's list runs in Elasticsearch whatever the mapping (test_extra.toml).
    if (field.kind === "field" && field.optional && !strict) return;
    const t = typeOf(field);
    const want = t === undefined ? null : family(t);
    if (!want || item.kind !== "literal" || item.type === "null") return;
    const got = item.type === "number" ? "number" : item.type === "string" ? "string" : "boolean";
    if (got !== want) fail(`${nth(ordinal)} argument of [${text(span)}] must be [${t}], found value [${text(item.span)}] of type ${got}`, item.span);
  };
  /** `==`, `!=` and `in` need the values as sent; a normalizer's indexed values are not. */
  const exact = (field: Expr, span: Span) => {
    const normalizer = mappingOf(field)?.normalizer;
    if (normalizer) fail(`[${text(span)}]: [${text(field.span)}] is a keyword with the normalizer [${normalizer}], which exact matches cannot use`, field.span);
  };
  /**
   * A comparison's literal that cannot be read as the field's type (`process.pid == "abc"`).
   * Elasticsearch's verifier accepts any literal in a comparison ("mismatched type, still ok");
   * one its field cannot parse matches nothing here. Strict mode refuses it.
   */
  const comparedWith = (field: Expr, literal: Expr, span: Span) => {
    if (!strict || literal.kind !== "literal" || literal.type === "null") return;
    const t = typeOf(field);
    if (t !== undefined && !readsAs(t, literal)) fail(`[${text(span)}]: [${text(literal.span)}] cannot be read as a [${t}] value of [${text(field.span)}]`, literal.span);
  };

  const expr = (e: Expr, asCondition: boolean): void => {
    if (asCondition) booleanCondition(e);
    switch (e.kind) {
      case "field":
        // At the index, as Elasticsearch reports it.
        if (e.path.some((p) => typeof p === "number")) fail(`array indexes are not supported: [${text(e.span)}]`, { start: e.span.start + text(e.span).indexOf("[") + 1, end: e.span.end });
        mapped(e);
        return;
      case "paren":
        return expr(e.inner, asCondition);
      case "not":
        return expr(e.operand, true);
      case "logical":
        expr(e.left, true);
        return expr(e.right, true);
      case "compare":
        if (e.left.kind === "compare" || e.right.kind === "compare") fail(`comparisons cannot be chained: [${text(e.span)}]; add parentheses`, e.span);
        // An optional field missing from the mapping is folded to null by Elasticsearch (`?x == ?y` runs), so only plain fields are refused (strict: all).
        else if (strict ? isField(e.left) && isField(e.right) : isPlainField(e.left) && isPlainField(e.right)) fail(`comparing two fields is not supported: [${text(e.span)}]`, e.span);
        else {
          comparedWith(e.left, e.right, e.span);
          comparedWith(e.right, e.left, e.span);
          if (e.op === "==" || e.op === "!=") for (const side of [e.left, e.right]) exact(side, e.span);
        }
        expr(e.left, false);
        return expr(e.right, false);
      case "arith":
        for (const side of [e.left, e.right]) if (side.kind === "literal" && side.type === "string") fail(`arithmetic needs numbers, found the string [${text(side.span)}]`, side.span);
        expr(e.left, false);
        return expr(e.right, false);
      case "neg":
        return expr(e.operand, false);
      case "match":
        if (e.op === ":") for (const x of [e.value, ...e.patterns]) if (x.kind === "literal" && x.type === "number") fail(`':' compares strings, found the number [${text(x.span)}]`, x.span);
        {
          const t = typeOf(e.value);
          if (t && (family(t) === "number" || family(t) === "boolean")) fail(`'${e.op}' matches strings, but [${text(e.value.span)}] is [${t}]`, e.value.span);
        }
        expr(e.value, false);
        return e.patterns.forEach((p) => expr(p, false));
      case "in": {
        exact(e.value, e.span);
        const t = typeOf(e.value);
        if (t !== undefined && family(t)) e.items.forEach((item, i) => itemAgainst(e.value, item, i + 1, e.span));
        else {
          const kinds = new Set(e.items.filter((i) => i.kind === "literal" && i.type !== "null").map((i) => (i as { type: string }).type));
          if (kinds.size > 1) fail(`the values of [${text(e.span)}] mix types (${[...kinds].join(", ")})`, e.span);
        }
        expr(e.value, false);
        return e.items.forEach((i) => expr(i, false));
      }
      case "call": {
        const name = e.name.toLowerCase();
        const first = e.args[0];
        if (STRING_FIRST.has(name) && first?.kind === "literal" && first.type !== "string" && first.type !== "null") {
          fail(`first argument of [${text(e.span)}] must be a string, found [${text(first.span)}]`, first.span);
        }
        if (ARITHMETIC.has(name)) for (const a of e.args) if (a.kind === "literal" && a.type === "string") fail(`[${text(e.span)}] needs numbers, found the string [${text(a.span)}]`, a.span);
        return e.args.forEach((a) => expr(a, false));
      }
      default:
        return;
    }
  };

  /** A condition must be boolean: a comparison, a match, a predicate, a field, a boolean literal or null (Elasticsearch types null as any). */
  const booleanCondition = (e: Expr): void => {
    const bad =
      (e.kind === "literal" && e.type !== "boolean" && e.type !== "null") ||
      e.kind === "arith" ||
      e.kind === "neg" ||
      (e.kind === "call" && wellFormedCall(e) && !lookupFunction(e.name)!.predicate);
    if (bad) fail(`a condition must be boolean, found [${text(e.span)}]`, e.span);
    const t = e.kind === "field" ? typeOf(e) : undefined;
    if (t !== undefined && t !== "boolean" && t !== "object" && KNOWN_TYPES.has(t) && !UNSUPPORTED_TYPES.has(t)) fail(`a condition must be boolean, found [${text(e.span)}] of type [${t}]`, e.span);
  };

  const filter = (f: EventFilter) => {
    if (source[f.span.start] === "`") fail(`an event category cannot be back-quoted: [${text({ start: f.span.start, end: source.indexOf("`", f.span.start + 1) + 1 })}]; write it as a name or a string`, f.span);
    expr(f.condition, true);
  };
  const keys = (list: Expr[]) => {
    for (const k of list) {
      if (k.kind !== "field") fail(`a join key must be a field, found [${text(k.span)}]`, k.span);
      else expr(k, false);
    }
  };
  const term = (t: SequenceTerm) => {
    filter(t.filter);
    keys(t.keys);
  };

  if (ast.kind === "event") filter(ast.filter);
  else {
    keys(ast.keys);
    ast.terms.forEach(term);
    // Join keys meet by value: each position's fields must have types that can be equal.
    const all = [...ast.terms, ...(ast.kind === "sequence" && ast.until ? [ast.until] : [])];
    for (let i = 0; i < (all[0]?.keys.length ?? 0); i++) {
      const typed = all.map((t) => t.keys[i]).filter((k): k is Expr => !!k && typeOf(k) !== undefined);
      const first = typed[0];
      const clash = typed.find((k) => family(typeOf(k)!) !== family(typeOf(first)!) || (family(typeOf(k)!) === null && typeOf(k) !== typeOf(first)));
      if (first && clash) fail(`join key [${text(clash.span)}] is [${typeOf(clash)}] but [${text(first.span)}] is [${typeOf(first)}]: they never join`, clash.span);
    }
    if (ast.kind === "sequence") {
      if (ast.until) term(ast.until);
      const head = source.slice(ast.span.start, ast.terms[0]?.span.start ?? ast.span.end);
      if (ast.maxspanText !== null && /\./.test(ast.maxspanText)) fail(`maxspan must be a whole number of a unit, found [${ast.maxspanText}]`, { start: ast.span.start + head.indexOf(ast.maxspanText), end: 0 });
      const withAt = head.search(/\bwith\b/);
      const byAt = head.search(/\bby\b/);
      if (withAt >= 0 && byAt > withAt) fail("'by' must come before 'with maxspan'", { start: ast.span.start + byAt, end: 0 });
      const missing = ast.terms.find((t) => t.missing);
      if (missing && ast.maxspan === 0) fail("a sequence with a missing event (![...]) needs 'with maxspan'", missing.span);
    }
  }
  for (const p of ast.pipes) if (!/\d/.test(text(p.span))) fail(`'| ${p.kind}' needs a number of results`, p.span);
  return errors.sort((a, b) => a.offset - b.offset);
}

/** A call the compiler accepts (a known function, its arity, its `~`): the compiler words the other errors. */
function wellFormedCall(e: Extract<Expr, { kind: "call" }>): boolean {
  const spec = lookupFunction(e.name);
  return !!spec && e.args.length >= spec.minArgs && e.args.length <= spec.maxArgs && (!e.insensitive || spec.insensitiveForm);
}

const isField = (e: Expr): boolean => (e.kind === "paren" ? isField(e.inner) : e.kind === "field");
const isPlainField = (e: Expr): boolean => (e.kind === "paren" ? isPlainField(e.inner) : e.kind === "field" && !e.optional);
