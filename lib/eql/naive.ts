/**
 * A plain AST-walking evaluator: resolves every field path and every pattern on each call.
 * It is the baseline the benchmark measures the compiler against, and the reference the property
 * tests compare the compiler with. Not used on any production path.
 */
import type { Expr, Query } from "./ast";
import { resolvePath, type EqlEvent } from "./fields";
import { lookupFunction } from "./functions";
import { elements, first, holds, scalarCompare, scalarEquals, truth, type Scalar } from "./values";
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

/** Evaluates an expression against an event, from the AST, every time. */
export function evaluateNaive(e: Expr, event: EqlEvent): unknown {
  switch (e.kind) {
    case "literal":
      return e.value;
    case "field":
      return resolvePath(event, e.path, 0);
    case "paren":
      return evaluateNaive(e.inner, event);
    case "not": {
      const t = truth(evaluateNaive(e.operand, event));
      return t === null ? null : !t;
    }
    case "logical": {
      const a = truth(evaluateNaive(e.left, event));
      const b = truth(evaluateNaive(e.right, event));
      if (e.op === "and") return a === false || b === false ? false : a && b ? true : null;
      return a === true || b === true ? true : a === false && b === false ? false : null;
    }
    case "neg": {
      const v = first(evaluateNaive(e.operand, event));
      return typeof v === "number" ? -v : null;
    }
    case "arith":
      return arith(e.op, evaluateNaive(e.left, event), evaluateNaive(e.right, event), isFloatExpr(e.left) || isFloatExpr(e.right));
    case "compare": {
      const lNull = e.left.kind === "literal" && e.left.type === "null";
      const rNull = e.right.kind === "literal" && e.right.type === "null";
      if (lNull || rNull) {
        if (e.op !== "==" && e.op !== "!=") return null;
        const other = evaluateNaive(lNull ? e.right : e.left, event);
        return isNullish(other) === (e.op === "==");
      }
      const a = elements(evaluateNaive(e.left, event));
      const b = elements(evaluateNaive(e.right, event));
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
        const v = evaluateNaive(p, event);
        return Array.isArray(v) ? elements(v) : [v];
      });
      return anyElement(evaluateNaive(e.value, event), (s) => patterns.some((p) => patternMatches(e.op, p, s)), e.negated);
    }
    case "in": {
      const items = e.items.flatMap((i) => elements(evaluateNaive(i, event)));
      return anyElement(evaluateNaive(e.value, event), (s) => items.some((c) => scalarEquals(s, c, e.op === "in~")), e.negated);
    }
    case "call": {
      const spec = lookupFunction(e.name);
      if (!spec) throw new Error(`unknown function ${e.name}`);
      const raw = e.args.map((a) => evaluateNaive(a, event));
      if (spec.arithmetic) return arith(spec.arithmetic, raw[0], raw[1], isFloatExpr(e.args[0]) || isFloatExpr(e.args[1]));
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
  return evaluateNaive(q.filter.condition, event) === true;
}
