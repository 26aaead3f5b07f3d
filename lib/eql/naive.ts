/**
 * A plain AST-walking evaluator: resolves every field path and every pattern on each call.
 * It is the baseline the benchmark measures the compiler against, and the reference the property
 * tests compare the compiler with. Not used on any production path.
 *
 * Conditions follow Elasticsearch in the most literal way (docs/eql-semantics.md): a leaf
 * condition is tried with every field in it bound to each of its values in turn (a missing field to
 * null) and holds when one combination yields true; `!=`, `not in` and `not` are the negation of
 * what they wrap; `and` and `or` are boolean.
 */
import { childrenOf, readsFields, type Expr, type Query } from "./ast";
import { pathToString, resolvePath, type EqlEvent } from "./fields";
import { JavaDouble, lookupFunction } from "./functions";
import { elements, first, holds, scalarCompare, scalarEquals, type Scalar } from "./values";
import { wildcardToRegExp } from "./wildcard";

const isNullish = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && elements(v).length === 0);

function anyElement(v: unknown, test: (s: Scalar) => boolean, negated: boolean): boolean | null {
  if (v === null || v === undefined || (typeof v === "object" && !Array.isArray(v))) return null;
  const els = Array.isArray(v) ? elements(v) : [v as Scalar];
  if (els.length === 0) return null;
  const hit = els.some(test);
  return negated ? !hit : hit;
}

function isFloatExpr(e: Expr): boolean {
  if (e.kind === "literal") return e.type === "number" && e.isFloat;
  if (e.kind === "arith") return isFloatExpr(e.left) || isFloatExpr(e.right);
  if (e.kind === "paren") return isFloatExpr(e.inner);
  if (e.kind === "neg") return isFloatExpr(e.operand);
  return false;
}

function arith(op: string, a: unknown, b: unknown, float: boolean): unknown {
  const x = first(a);
  const y = first(b);
  if (typeof x !== "number" || typeof y !== "number") return null;
  if (op === "+") return x + y;
  if (op === "-") return x - y;
  if (op === "*") return x * y;
  if (y === 0) return null;
  if (op === "%") return x % y;
  return !float && Number.isInteger(x) && Number.isInteger(y) ? Math.trunc(x / y) : x / y;
}

function patternMatches(op: string, pattern: unknown, s: Scalar): boolean {
  if (op === "regex" || op === "regex~") {
    return typeof pattern === "string" && new RegExp(`^(?:${pattern})$`, op === "regex~" ? "si" : "s").test(String(s));
  }
  if (typeof pattern !== "string") return pattern !== null && scalarEquals(s, pattern as Scalar, op !== "like");
  return wildcardToRegExp(pattern, op === ":" || op === "like~").test(String(s));
}

type Bindings = Map<string, Scalar | null>;

function fieldsIn(e: Expr, out: Map<string, (string | number)[]>): void {
  if (e.kind === "field") out.set(pathToString(e.path), e.path);
  for (const c of childrenOf(e)) fieldsIn(c, out);
}

const conditional = (e: Expr): boolean =>
  e.kind === "paren" ? conditional(e.inner) : ["not", "logical", "compare", "in", "match"].includes(e.kind) || (e.kind === "call" && !!lookupFunction(e.name)?.predicate);

/** Kleene's logic over constants: true, false or null (unknown). */
function constantTruth(e: Expr): boolean | null {
  if (e.kind === "paren") return constantTruth(e.inner);
  if (e.kind === "not") {
    const v = constantTruth(e.operand);
    return v === null ? null : !v;
  }
  if (e.kind === "logical") {
    const both = [constantTruth(e.left), constantTruth(e.right)];
    if (e.op === "and") return both.includes(false) ? false : both.includes(null) ? null : true;
    return both.includes(true) ? true : both.includes(null) ? null : false;
  }
  const v = evaluateNaive(e, {}, new Map());
  return typeof v === "boolean" ? v : null;
}

/** Does the condition hold for the event, as Elasticsearch decides it? */
export function holdsNaive(e: Expr, event: EqlEvent, bindings?: Bindings): boolean {
  // Logic over constants is folded first, three-valued: `not null` is null and does not hold.
  if ((e.kind === "not" || e.kind === "logical") && !readsFields(e)) return constantTruth(e) === true;
  switch (e.kind) {
    case "paren":
      return holdsNaive(e.inner, event, bindings);
    case "not":
      return !holdsNaive(e.operand, event, bindings);
    case "logical":
      return e.op === "and" ? holdsNaive(e.left, event, bindings) && holdsNaive(e.right, event, bindings) : holdsNaive(e.left, event, bindings) || holdsNaive(e.right, event, bindings);
    case "compare": {
      const lit = [e.left, e.right].find((x) => x.kind === "literal" && x.type === "boolean");
      const other = lit === e.right ? e.left : e.right;
      if (lit && lit.kind === "literal" && (e.op === "==" || e.op === "!=") && conditional(other)) {
        return holdsNaive(other, event, bindings) === ((e.op === "==") === (lit.value === true));
      }
      if (e.op === "!=") return !holdsNaive({ ...e, op: "==" }, event, bindings);
      break;
    }
    case "in":
    case "match":
      if (e.negated) return !holdsNaive({ ...e, negated: false } as Expr, event, bindings);
      break;
  }
  if (bindings) return evaluateNaive(e, event, bindings) === true;
  // A leaf: every combination of its fields' values, each missing field standing as null.
  const fields = new Map<string, (string | number)[]>();
  fieldsIn(e, fields);
  const names = [...fields.keys()];
  const lists = names.map((n) => {
    const els = elements(resolvePath(event, fields.get(n)!, 0));
    return els.length > 0 ? els : [null];
  });
  const bound: Bindings = new Map();
  const tryFrom = (i: number): boolean => {
    if (i === names.length) return evaluateNaive(e, event, bound) === true;
    return lists[i].some((v) => {
      bound.set(names[i], v);
      return tryFrom(i + 1);
    });
  };
  return tryFrom(0);
}

/** Evaluates an expression against an event, from the AST, every time. */
export function evaluateNaive(e: Expr, event: EqlEvent, bindings?: Bindings): unknown {
  const ev = (x: Expr) => evaluateNaive(x, event, bindings);
  switch (e.kind) {
    case "literal":
      return e.value;
    case "field": {
      const name = pathToString(e.path);
      return bindings?.has(name) ? bindings.get(name) : resolvePath(event, e.path, 0);
    }
    case "paren":
      return ev(e.inner);
    case "not":
    case "logical":
      return readsFields(e) ? holdsNaive(e, event, bindings) : constantTruth(e);
    case "neg": {
      const v = first(ev(e.operand));
      return typeof v === "number" ? -v : null;
    }
    case "arith":
      return arith(e.op, ev(e.left), ev(e.right), isFloatExpr(e.left) || isFloatExpr(e.right));
    case "compare": {
      const lNull = e.left.kind === "literal" && e.left.type === "null";
      const rNull = e.right.kind === "literal" && e.right.type === "null";
      if (lNull || rNull) {
        if (e.op !== "==" && e.op !== "!=") return null;
        const other = ev(lNull ? e.right : e.left);
        return isNullish(other) === (e.op === "==");
      }
      const a = elements(ev(e.left));
      const b = elements(ev(e.right));
      const nullSafe = e.left.kind === "field" && e.left.optional && e.right.kind === "field" && e.right.optional;
      if (a.length === 0 || b.length === 0) {
        if (!nullSafe) return null;
        const both = a.length === 0 && b.length === 0;
        return e.op === "==" ? both : e.op === "!=" ? !both : null;
      }
      if (e.op === "==") return a.some((x) => b.some((y) => scalarEquals(x, y, false)));
      if (e.op === "!=") return !a.some((x) => b.some((y) => scalarEquals(x, y, false)));
      return a.some((x) => b.some((y) => {
        const o = scalarCompare(x, y);
        return o !== null && holds(e.op, o);
      }));
    }
    case "match": {
      const patterns = e.patterns.flatMap((p) => {
        const v = ev(p);
        return Array.isArray(v) ? elements(v) : [v];
      });
      return anyElement(ev(e.value), (s) => patterns.some((p) => patternMatches(e.op, p, s)), e.negated);
    }
    case "in": {
      const items = e.items.flatMap((i) => elements(ev(i)));
      return anyElement(ev(e.value), (s) => items.some((c) => scalarEquals(s, c, e.op === "in~")), e.negated);
    }
    case "call": {
      const spec = lookupFunction(e.name);
      if (!spec) throw new Error(`unknown function ${e.name}`);
      const raw = e.args.map((a) => ev(a));
      if (spec.arithmetic) return arith(spec.arithmetic, raw[0], raw[1], isFloatExpr(e.args[0]) || isFloatExpr(e.args[1]));
      if (spec.javaDoubles) {
        const args = raw.map((v, i) => {
          const x = first(v);
          return typeof x === "number" && isFloatExpr(e.args[i]) ? (new JavaDouble(x) as unknown as Scalar) : x;
        });
        return spec.apply!(args, e.insensitive);
      }
      const rest = raw.slice(1).map(first);
      if (spec.predicate && Array.isArray(raw[0])) {
        const els = elements(raw[0]);
        if (els.length === 0) return spec.apply!([null, ...rest], e.insensitive);
        return els.some((x) => spec.apply!([x, ...rest], e.insensitive) === true);
      }
      return spec.apply!([first(raw[0]), ...rest], e.insensitive);
    }
  }
}

/** True when an event query selects the event (category field `event.category`). */
export function matchesNaive(q: Query, event: EqlEvent): boolean {
  if (q.kind !== "event") throw new Error("the naive evaluator runs event queries only");
  const cat = q.filter.category;
  if (cat !== null) {
    const c = resolvePath(event, ["event", "category"], 0);
    if (!(c === cat || (Array.isArray(c) && c.includes(cat)))) return false;
  }
  return holdsNaive(q.filter.condition, event);
}
