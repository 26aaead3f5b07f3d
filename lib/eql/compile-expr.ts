/**
 * Compiles condition ASTs into closures, once per query. Each node has `ev` (the hot path) and
 * `why` (the same decision, recording which conditions held and with which values): the
 * explanation is produced by the engine itself, not by a second matcher.
 *
 * Conditions mean what Elasticsearch makes of them (docs/eql-semantics.md). It turns each leaf
 * condition — a comparison, `in`, `:`/`like`/`regex`, a predicate function, a boolean field — into
 * a query, or into a script filter that treats null as false, and joins them with `bool`: `not`,
 * `!=` and `not in` become `must_not`, which also selects events that lack the field. So between
 * leaves logic is two-valued; null exists only inside a leaf (`length(null)`, `null + 1`). A leaf
 * that computes over a field (`length(file.name) > 5`) is evaluated for each value of the field
 * and holds when one value passes, as Elasticsearch's scripts do.
 */
import { readsFields, type Expr, type FieldRef, type Span } from "./ast";
import { EqlError, locate } from "./errors";
import { compileAccessor, pathToString, resolveAlias, type EqlEvent, type FieldType, type FieldTypes } from "./fields";
import { JavaDouble, lookupFunction } from "./functions";
import { compileWildcard, compileWildcardSet, toLowerFast, wildcardSetCode } from "./wildcard";
import { elements, first, holds, parseDateWithFormat, scalarCompare, scalarEquals, versionCompare, type Scalar } from "./values";
import { compileRegex, type RegexMatcher } from "./regex";

/** One condition that held for a matched event. */
export interface MatchedCondition {
  /** Source text of the condition. */
  text: string;
  /** Field tested, with the array index of the element that matched, e.g. process.args[3]. */
  field: string | null;
  /** The value (or array element) that satisfied the condition. */
  value: unknown;
  op: string;
  /** The literal or pattern it matched; null for conditions without one. */
  pattern: unknown;
  span: Span;
}

export interface CompiledExpr {
  ev: (e: EqlEvent) => unknown;
  why: (e: EqlEvent, out: MatchedCondition[]) => unknown;
  /** Fast test "is the value true?": selection only needs this, so null and false need not be told apart. */
  isTrue: (e: EqlEvent) => boolean;
  /** Fast test "is the value false?", for operands of `not`. */
  isFalse: (e: EqlEvent) => boolean;
  isFloat: boolean;
  /** For `and`, `or` and `not` nodes: the operator and operands (code generation reads it). */
  logic?: { op: "and" | "or" | "not"; parts: CompiledExpr[] };
  constant?: { value: unknown };
  field?: { ref: FieldRef; name: string; type?: FieldType; get: (e: EqlEvent) => unknown };
  /** For leaves testing a field's strings against constants: what code generation inlines. */
  inline?: InlineLeaf;
}

/**
 * A leaf "does any element of the field pass a string test" that the code generator writes out in
 * full, so each rule's predicate has its own code (and its own type feedback) for it.
 */
export interface InlineLeaf {
  get: (e: EqlEvent) => unknown;
  /** `not in`, `!=`: true when no element passes. */
  negated: boolean;
  /** The three-valued result for values that are not a string or an array of strings. */
  general: (v: unknown) => unknown;
  /**
   * A JavaScript expression, true exactly when the string in the local `x` passes the test;
   * `bind` turns a value (set, regex, matcher) into the name the code can use. May use the local `y`.
   */
  code: (bind: (value: unknown) => string) => string;
}

export interface ExprContext {
  source: string;
  fieldTypes?: FieldTypes;
}

type Test = (s: Scalar) => boolean;

const isNullish = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && elements(v).length === 0);

/** At most this many combinations of a leaf's values are tried (fields × values); more do not hold. */
const MAX_COMBINATIONS = 4096;
const NULL_ONLY: (Scalar | null)[] = [null];


/** Compiles a condition (a `where` clause, an exception entry): true or false for each event, as Elasticsearch decides. */
export function compileCondition(expr: Expr, ctx: ExprContext): CompiledExpr {
  return compileExpr(expr, ctx, true);
}

/** Compiles an expression (a value: join keys, function arguments); semantic errors (unknown function, bad arity, bad regex) throw EqlError. */
export function compileExpr(expr: Expr, ctx: ExprContext, asCondition = false): CompiledExpr {
  const fail = (message: string, span: Span): never => {
    throw new EqlError("semantic", message, ctx.source, locate(ctx.source, span.start));
  };
  const text = (span: Span) => ctx.source.slice(span.start, span.end);
  const withWhy = (ev: (e: EqlEvent) => unknown, why: CompiledExpr["why"], isFloat = false): CompiledExpr => ({
    ev,
    why,
    isFloat,
    isTrue: (e) => ev(e) === true,
    isFalse: (e) => ev(e) === false,
  });
  const plain = (ev: (e: EqlEvent) => unknown, isFloat = false): CompiledExpr => withWhy(ev, (e) => ev(e), isFloat);
  /** Fields a leaf computes over, each read from its slot while the leaf is tried value by value. */
  let bound: Map<string, { v: Scalar | null }> | null = null;

  const compile = (node: Expr): CompiledExpr => {
    switch (node.kind) {
      case "paren":
        return compile(node.inner);
      case "literal": {
        const value = node.value;
        return {
          ev: () => value,
          why: () => value,
          isTrue: () => value === true,
          isFalse: () => value === false,
          isFloat: node.type === "number" && node.isFloat,
          constant: { value },
        };
      }
      case "field":
        return compileField(node);
      case "not":
      case "logical":
        return condition(node);
      case "compare":
        return compileCompare(node.op, node.left, node.right, node.span);
      case "arith":
        return compileArith(node.op, compile(node.left), compile(node.right));
      case "neg": {
        const inner = compile(node.operand);
        return plain((e) => {
          const v = first(inner.ev(e));
          return typeof v === "number" ? -v : null;
        }, inner.isFloat);
      }
      case "match":
        return compileMatch(node);
      case "in":
        return compileIn(node);
      case "call":
        return compileCall(node);
    }
  };

  function compileField(ref: FieldRef): CompiledExpr {
    const dotted = pathToString(ref.path);
    const stringOnly = ref.path.every((p) => typeof p === "string");
    const name = stringOnly ? resolveAlias(dotted, ctx.fieldTypes) : dotted;
    const path = stringOnly && name !== dotted ? name.split(".") : ref.path;
    const type = ctx.fieldTypes?.get(name);
    const slot = bound?.get(dotted);
    if (slot) {
      const get = () => slot.v;
      return { ev: get, why: get, isTrue: () => slot.v === true, isFalse: () => slot.v === false, isFloat: false, field: { ref, name, type, get } };
    }
    const raw = compileAccessor(path);
    let get = raw;
    if (type && type.nullValue !== undefined && type.nullValue !== null) {
      const nv = type.nullValue;
      get = (e) => {
        const v = raw(e);
        return v === null ? nv : v;
      };
    }
    const isFloat = !!type && ["double", "float", "half_float", "scaled_float"].includes(type.type);
    return { ev: get, why: get, isTrue: (e) => get(e) === true, isFalse: (e) => get(e) === false, isFloat, field: { ref, name, type, get } };
  }


  /** A condition: `and`/`or`/`not` over leaves, each leaf true or false (never null). */
  function condition(node: Expr): CompiledExpr {
    // Over constants alone, Elasticsearch folds the logic before any query: three-valued (`not null` is null, no match).
    if ((node.kind === "not" || node.kind === "logical") && !readsFields(node)) {
      const value = fold(node);
      // As a condition, null (like false) does not hold.
      return { ...plain(() => value), isFalse: () => value !== true, constant: { value } };
    }
    switch (node.kind) {
      case "paren":
        return condition(node.inner);
      case "not":
        return negation(condition(node.operand), node.operand, node.span);
      case "logical":
        return compileLogical(node.op, flatten(node, node.op).map(condition));
      case "compare": {
        // `f(x) == true` is `f(x)`; `== false` and `!= true` are its negation (Elasticsearch rewrites them so).
        const literal = node.right.kind === "literal" && node.right.type === "boolean" ? node.right : node.left.kind === "literal" && node.left.type === "boolean" ? node.left : null;
        const other = literal === node.right ? node.left : node.right;
        if (literal && (node.op === "==" || node.op === "!=") && isConditional(other)) {
          const inner = condition(other);
          return (node.op === "==") === (literal.value === true) ? inner : negation(inner, other, node.span);
        }
        break;
      }
    }
    return leafCondition(node);
  }

  /** The three-valued value of logic over constants (test_folding.toml's `or`, `and`, `not`). */
  function fold(node: Expr): unknown {
    const truth = (v: unknown) => (typeof v === "boolean" ? v : null);
    switch (node.kind) {
      case "paren":
        return fold(node.inner);
      case "not": {
        const v = truth(fold(node.operand));
        return v === null ? null : !v;
      }
      case "logical": {
        const l = truth(fold(node.left));
        const r = truth(fold(node.right));
        const decisive = node.op === "and" ? false : true;
        if (l === decisive || r === decisive) return decisive;
        return l === null || r === null ? null : !decisive;
      }
      default:
        return compile(node).ev({});
    }
  }

  function negation(inner: CompiledExpr, operand: Expr, span: Span): CompiledExpr {
    const isTrue = (e: EqlEvent) => !inner.isTrue(e);
    const describe = describeNot(operand, span);
    const compiled = withWhy(isTrue, (e, out) => {
      const r = isTrue(e);
      if (r) out.push(describe(e));
      return r;
    });
    compiled.isTrue = isTrue;
    compiled.isFalse = inner.isTrue;
    compiled.logic = { op: "not", parts: [inner] };
    return compiled;
  }

  /** A leaf condition; one that computes over fields is tried for each combination of their values. */
  function leafCondition(node: Expr): CompiledExpr {
    // A field alone (`where is_admin`) is the query "a value is true".
    if (node.kind === "field") node = { kind: "compare", op: "==", left: node, right: { kind: "literal", type: "boolean", value: true, span: node.span }, span: node.span };
    const fields = scriptFields(node);
    if (fields.length === 0 || bound) {
      const compiled = compile(node);
      // "false?" of a condition is "not true?": a leaf that is null or not boolean does not hold.
      return { ...compiled, isFalse: (e) => !compiled.isTrue(e) };
    }
    const getters = fields.map((f) => compileField(f).ev);
    const slots = fields.map(() => ({ v: null as Scalar | null }));
    // `!=`, `not in`, `not :`: the negation of the positive leaf over all the values (must_not).
    const negated = (node.kind === "compare" && node.op === "!=") || ((node.kind === "in" || node.kind === "match") && node.negated);
    const positive: Expr = !negated ? node : node.kind === "compare" ? { ...node, op: "==" } : { ...(node as Extract<Expr, { kind: "in" | "match" }>), negated: false };
    bound = new Map(fields.map((f, i) => [pathToString(f.path), slots[i]]));
    let inner: CompiledExpr;
    try {
      inner = compile(positive);
    } finally {
      bound = null;
    }
    const n = fields.length;
    const lists: (Scalar | null)[][] = new Array(n);
    const at = new Int32Array(n);
    /** Sets the slots to the first combination of values for which the leaf holds; false when none does. */
    const someOf = (e: EqlEvent): boolean => {
      for (let i = 0; i < n; i++) {
        const els = elements(getters[i](e));
        lists[i] = els.length > 0 ? els : NULL_ONLY;
        at[i] = 0;
      }
      for (let tried = 0; tried < MAX_COMBINATIONS; tried++) {
        for (let i = 0; i < n; i++) slots[i].v = lists[i][at[i]];
        if (inner.isTrue(e)) return true;
        let k = 0;
        while (k < n && ++at[k] >= lists[k].length) at[k++] = 0;
        if (k === n) return false;
      }
      return false;
    };
    // One field (the usual case), read without copying its values.
    const get = getters[0];
    const slot = slots[0];
    const some =
      n !== 1
        ? someOf
        : (e: EqlEvent): boolean => {
            const v = get(e);
            if (!Array.isArray(v)) {
              slot.v = v === undefined || typeof v === "object" ? null : (v as Scalar);
              return inner.isTrue(e);
            }
            let seen = false;
            for (let i = 0; i < v.length && i < MAX_COMBINATIONS; i++) {
              const x = v[i];
              if (x === null || x === undefined) continue;
              if (typeof x === "object") {
                if (Array.isArray(x)) return someOf(e);
                continue;
              }
              seen = true;
              slot.v = x as Scalar;
              if (inner.isTrue(e)) return true;
            }
            if (seen) return false;
            slot.v = null;
            return inner.isTrue(e);
          };
    if (negated) {
      const isTrue = (e: EqlEvent) => !some(e);
      const describe = describeNot(positive, node.span);
      const compiled = withWhy(isTrue, (e, out) => {
        const r = isTrue(e);
        if (r) out.push(describe(e));
        return r;
      });
      compiled.isTrue = isTrue;
      compiled.isFalse = some;
      return compiled;
    }
    const compiled = withWhy(some, (e, out) => {
      if (!some(e)) return false;
      inner.why(e, out);
      return true;
    });
    compiled.isTrue = some;
    compiled.isFalse = (e) => !some(e);
    return compiled;
  }

  /** `a and b and c` as one list, so evaluation is a loop rather than nested calls. */
  function flatten(node: Expr, op: "and" | "or"): Expr[] {
    if (node.kind === "paren") return flatten(node.inner, op);
    if (node.kind === "logical" && node.op === op) return [...flatten(node.left, op), ...flatten(node.right, op)];
    return [node];
  }

  function compileLogical(op: "and" | "or", parts: CompiledExpr[]): CompiledExpr {
    const allOf = op === "and";
    const isTrue = allOrAny(parts.map((p) => p.isTrue), allOf);
    const compiled = withWhy(isTrue, (e, out) => {
      const mark = out.length;
      for (const p of parts) {
        const scratch: MatchedCondition[] = [];
        const held = p.why(e, scratch) === true;
        if (held) out.push(...scratch);
        if (held !== allOf) {
          if (allOf) out.length = mark;
          return !allOf;
        }
      }
      return allOf;
    });
    // Selection needs only "true?": `and` stops at the first operand that is not true, `or` at the
    // first that is. Filters run the generated form of the same logic (codegen.ts); these closures
    // serve everything else.
    compiled.isTrue = isTrue;
    compiled.isFalse = (e) => !isTrue(e);
    compiled.logic = { op, parts };
    return compiled;
  }

  /** `all`: every test passes; otherwise: one test passes. Short-circuits; order as written. */
  function allOrAny(tests: ((e: EqlEvent) => boolean)[], all: boolean): (e: EqlEvent) => boolean {
    const n = tests.length;
    if (all) {
      return (e) => {
        for (let i = 0; i < n; i++) if (!tests[i](e)) return false;
        return true;
      };
    }
    return (e) => {
      for (let i = 0; i < n; i++) if (tests[i](e)) return true;
      return false;
    };
  }

  /** Leaf condition over the elements of `value`: true when any element passes `pick`. */
  function leaf(
    node: { span: Span },
    op: string,
    value: CompiledExpr,
    negated: boolean,
    ev: (e: EqlEvent) => unknown,
    pick: (s: Scalar) => unknown,
  ): CompiledExpr {
    return withWhy(ev, (e, out) => {
      const r = ev(e);
      if (r === true) {
        const raw = value.ev(e);
        const els = Array.isArray(raw) ? raw : [raw];
        let index = -1;
        let pattern: unknown = null;
        if (!negated) {
          for (let i = 0; i < els.length; i++) {
            const el = els[i];
            if (el === null || el === undefined || typeof el === "object") continue;
            const p = pick(el as Scalar);
            if (p !== undefined) {
              index = i;
              pattern = p;
              break;
            }
          }
        }
        const name = value.field ? value.field.name : null;
        out.push({
          text: text(node.span),
          field: name === null ? null : Array.isArray(raw) && index >= 0 ? `${name}[${index}]` : name,
          value: index >= 0 ? els[index] : raw,
          op: negated ? `not ${op}` : op,
          pattern,
          span: node.span,
        });
      }
      return r;
    });
  }

  /** Marks a leaf over a field for inlining (see InlineLeaf); other values keep the closures. */
  function inlinable(compiled: CompiledExpr, value: CompiledExpr, test: Test, negated: boolean, code: InlineLeaf["code"]): CompiledExpr {
    if (value.field) compiled.inline = { get: value.ev, negated, general: anyOfValue(test, negated), code };
    return compiled;
  }

  /** Builds ev for "any element passes one of the tests", with three-valued negation. */
  function anyOf(value: CompiledExpr, test: Test, negated: boolean): (e: EqlEvent) => unknown {
    const get = value.ev;
    const onValue = anyOfValue(test, negated);
    return (e) => onValue(get(e));
  }

  function anyOfValue(test: Test, negated: boolean): (v: unknown) => unknown {
    if (negated) {
      // must_not: true unless some element passes, a missing field included.
      return (v) => {
        if (v === null || v === undefined) return true;
        if (!Array.isArray(v)) return typeof v === "object" ? true : !test(v as Scalar);
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (x === null || x === undefined) continue;
          if (Array.isArray(x)) {
            for (const y of elements(x)) if (test(y)) return false;
          } else if (typeof x !== "object" && test(x as Scalar)) return false;
        }
        return true;
      };
    }
    return (v) => {
      if (typeof v === "string") return test(v);
      if (v === null || v === undefined) return null;
      if (!Array.isArray(v)) return typeof v === "object" ? null : test(v as Scalar);
      let seen = false;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x === null || x === undefined || typeof x === "object") {
          if (Array.isArray(x)) {
            for (const y of elements(x)) {
              seen = true;
              if (test(y)) return true;
            }
          }
          continue;
        }
        seen = true;
        if (test(x as Scalar)) return true;
      }
      return seen ? false : null;
    };
  }

  function compileCompare(op: "==" | "!=" | "<" | "<=" | ">" | ">=", leftAst: Expr, rightAst: Expr, span: Span): CompiledExpr {
    const left = compile(leftAst);
    const right = compile(rightAst);
    const lNull = left.constant && left.constant.value === null;
    const rNull = right.constant && right.constant.value === null;
    if (lNull || rNull) {
      // `x == null` is "missing or null"; other comparisons with null are null.
      const other = lNull ? right : left;
      if (op !== "==" && op !== "!=") return plain(() => null);
      const wantNull = op === "==";
      const ev = (e: EqlEvent) => isNullish(other.ev(e)) === wantNull;
      return leaf({ span }, op, other, false, ev, () => null);
    }
    const dated = compileDateCompare(op, left, right, span);
    if (dated) return dated;
    const version = left.field?.type?.type === "version" || right.field?.type?.type === "version";
    const cmp = version
      ? (a: Scalar, b: Scalar) => (typeof a === "string" && typeof b === "string" ? versionCompare(a, b) : scalarCompare(a, b))
      : scalarCompare;
    const pass = (a: Scalar, b: Scalar): boolean => {
      if (op === "==") return version ? cmp(a, b) === 0 : scalarEquals(a, b, false);
      if (op === "!=") return version ? cmp(a, b) !== 0 : !scalarEquals(a, b, false);
      const o = cmp(a, b);
      return o !== null && holds(op, o);
    };
    const nullSafe = leftAst.kind === "field" && leftAst.optional && rightAst.kind === "field" && rightAst.optional;
    if (right.constant && !nullSafe) {
      const c = right.constant.value as Scalar;
      if (op === "!=") {
        const eq = (s: Scalar) => (version ? cmp(s, c) === 0 : scalarEquals(s, c, false));
        const compiled = leaf({ span }, op, left, false, anyOf(left, eq, true), (s) => (eq(s) ? undefined : c));
        return typeof c === "string" && !version ? inlinable(compiled, left, eq, true, () => `x === ${JSON.stringify(c)}`) : compiled;
      }
      let test: Test;
      let ev: (e: EqlEvent) => unknown;
      if (op === "==" && typeof c === "string" && !version) {
        test = (s) => s === c || (typeof s === "number" && scalarEquals(s, c, false));
        const get = left.ev;
        const general = anyOfValue(test, false);
        ev = (e) => {
          const v = get(e);
          if (v === c) return true;
          return typeof v === "string" ? false : general(v);
        };
      } else {
        test = (s) => pass(s, c);
        ev = anyOf(left, test, false);
      }
      const compiled = leaf({ span }, op, left, false, ev, (s) => (test(s) ? c : undefined));
      return op === "==" && typeof c === "string" && !version ? inlinable(compiled, left, test, false, () => `x === ${JSON.stringify(c)}`) : compiled;
    }
    const ev = (e: EqlEvent) => {
      const a = elements(left.ev(e));
      const b = elements(right.ev(e));
      if (a.length === 0 || b.length === 0) {
        if (!nullSafe) return op === "!=" ? true : null;
        const bothNull = a.length === 0 && b.length === 0;
        return op === "==" ? bothNull : op === "!=" ? !bothNull : null;
      }
      if (op === "!=") {
        for (const x of a) for (const y of b) if (!pass(x, y)) return false;
        return true;
      }
      for (const x of a) for (const y of b) if (pass(x, y)) return true;
      return false;
    };
    return leaf({ span }, op, left.field ? left : right.field ? right : left, false, ev, () => (right.constant ? right.constant.value : null));
  }

  /**
   * A field mapped as a date against a constant compares instants, as Elasticsearch's date fields
   * do: "2017-08-30T20:47:33Z", epoch milliseconds and the mapping's own format are the same time.
   */
  function compileDateCompare(op: "==" | "!=" | "<" | "<=" | ">" | ">=", left: CompiledExpr, right: CompiledExpr, span: Span): CompiledExpr | null {
    const isDate = (c: CompiledExpr) => c.field?.type?.type === "date" || c.field?.type?.type === "date_nanos";
    const field = isDate(left) && right.constant ? left : isDate(right) && left.constant ? right : null;
    if (!field) return null;
    const format = field.field!.type!.format;
    const constant = (field === left ? right : left).constant!.value;
    const at = parseDateWithFormat(constant, format);
    if (at === null) return plain(() => null);
    // With the field on the right, `c < field` is `field > c`.
    const flipped: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!=" };
    const fieldOp = field === left ? op : flipped[op];
    const order = (s: Scalar): number | null => {
      const t = parseDateWithFormat(s, format);
      return t === null ? null : Math.sign(t - at);
    };
    const same = (s: Scalar) => order(s) === 0;
    const test: Test = fieldOp === "!=" ? same : (s) => {
      const o = order(s);
      return o !== null && holds(fieldOp, o);
    };
    return leaf({ span }, op, field, false, anyOf(field, test, fieldOp === "!="), (s) => (test(s) ? constant : undefined));
  }

  function compileArith(op: "+" | "-" | "*" | "/" | "%", l: CompiledExpr, r: CompiledExpr): CompiledExpr {
    const floatOp = l.isFloat || r.isFloat;
    return plain((e) => {
      const a = first(l.ev(e));
      const b = first(r.ev(e));
      if (typeof a !== "number" || typeof b !== "number") return null;
      switch (op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          if (b === 0) return null;
          return !floatOp && Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b;
        case "%":
          if (b === 0) return null;
          return a % b;
      }
    }, floatOp);
  }

  function patternTest(op: string, pattern: unknown, span: Span): Test {
    if (op === "regex" || op === "regex~") {
      if (typeof pattern !== "string") return () => false;
      let re: RegexMatcher;
      try {
        re = compileRegex(pattern, op === "regex~");
      } catch (err) {
        return fail(`invalid regular expression: ${(err as Error).message}`, span);
      }
      return (s) => re(typeof s === "string" ? s : String(s));
    }
    if (typeof pattern !== "string") {
      if (pattern === null) return () => false;
      const c = pattern as Scalar;
      return (s) => scalarEquals(s, c, op !== "like");
    }
    const wild = compileWildcard(pattern, op === ":" || op === "like~");
    return (s) => wild(typeof s === "string" ? s : String(s));
  }

  function compileMatch(node: Extract<Expr, { kind: "match" }>): CompiledExpr {
    const value = compile(node.value);
    const pats = node.patterns.map(compile);
    // `x : null` is null, as in Elasticsearch (a condition that does not hold).
    if (pats.every((p) => p.constant && p.constant.value === null)) return plain(() => null);
    if (pats.every((p) => p.constant)) {
      const tests = pats.map((p, i) => ({ pattern: p.constant!.value, test: patternTest(node.op, p.constant!.value, node.patterns[i].span) }));
      let test: Test = tests.length === 1 ? tests[0].test : (s) => tests.some((t) => t.test(s));
      const literals = pats.map((p) => p.constant!.value);
      if (node.op !== "regex" && node.op !== "regex~" && literals.every((l) => typeof l === "string")) {
        const set = compileWildcardSet(literals as string[], node.op !== "like");
        test = (s) => set(typeof s === "string" ? s : String(s));
      }
      const pick = (s: Scalar) => tests.find((t) => t.test(s))?.pattern;
      const compiled = leaf(node, node.op, value, node.negated, anyOf(value, test, node.negated), pick);
      if (!literals.every((l) => typeof l === "string")) return compiled;
      const op = node.op;
      const code: InlineLeaf["code"] =
        op === "regex" || op === "regex~"
          ? (bind) => `(${tests.map((t) => `${bind(t.test)}(x)`).join(" || ")})`
          : (bind) => wildcardSetCode(literals as string[], op !== "like", bind);
      return inlinable(compiled, value, test, node.negated, code);
    }
    // Patterns computed per event (rare): compiled on the fly, with a small cache.
    const cache = new Map<unknown, Test>();
    const testFor = (p: unknown, span: Span) => {
      let t = cache.get(p);
      if (!t) {
        t = patternTest(node.op, p, span);
        if (cache.size < 1000) cache.set(p, t);
      }
      return t;
    };
    const ev = (e: EqlEvent) => {
      const tests = pats.flatMap((p, i) => elements(p.ev(e)).map((v) => testFor(v, node.patterns[i].span)));
      return anyOf(value, (s) => tests.some((t) => t(s)), node.negated)(e);
    };
    return leaf(node, node.op, value, node.negated, ev, () => null);
  }

  function compileIn(node: Extract<Expr, { kind: "in" }>): CompiledExpr {
    const value = compile(node.value);
    const items = node.items.map(compile);
    const insensitive = node.op === "in~";
    if (items.every((i) => i.constant)) {
      const strings = new Map<string, string>();
      const others: Scalar[] = [];
      for (const i of items) {
        const v = i.constant!.value;
        if (typeof v === "string") strings.set(insensitive ? v.toLowerCase() : v, v);
        else if (v !== null) others.push(v as Scalar);
      }
      const numericStrings = [...strings.values()].filter((s) => !Number.isNaN(Number(s)) && s.trim() !== "");
      const pick = (s: Scalar): Scalar | undefined => {
        if (typeof s === "string") {
          const hit = strings.get(insensitive ? toLowerFast(s) : s);
          if (hit !== undefined) return hit;
        }
        for (const o of others) if (scalarEquals(s, o, insensitive)) return o;
        if (typeof s === "number") for (const n of numericStrings) if (scalarEquals(s, n, false)) return n;
        return undefined;
      };
      const test: Test =
        others.length === 0 && numericStrings.length === 0 && !insensitive
          ? (s) => typeof s === "string" && strings.has(s)
          : (s) => pick(s) !== undefined;
      const compiled = leaf(node, node.op, value, node.negated, anyOf(value, test, node.negated), pick);
      // For a string, only the string items can match (numeric items meet numbers only).
      if (others.length > 0) return compiled;
      const keys = [...strings.keys()];
      return inlinable(compiled, value, test, node.negated, (bind) => {
        if (keys.length === 0) return "false";
        if (keys.length <= 4 && !insensitive) return `(${keys.map((k) => `x === ${JSON.stringify(k)}`).join(" || ")})`;
        return `${bind(new Set(keys))}.has(${insensitive ? `${bind(toLowerFast)}(x)` : "x"})`;
      });
    }
    const ev = (e: EqlEvent) => {
      const candidates = items.flatMap((i) => elements(i.ev(e)));
      return anyOf(value, (s) => candidates.some((c) => scalarEquals(s, c, insensitive)), node.negated)(e);
    };
    return leaf(node, node.op, value, node.negated, ev, () => null);
  }

  function compileCall(node: Extract<Expr, { kind: "call" }>): CompiledExpr {
    const spec = lookupFunction(node.name);
    if (!spec) return fail(`unknown function '${node.name}'`, node.span);
    if (node.insensitive && !spec.insensitiveForm) return fail(`function '${spec.name}' has no case-insensitive form '~'`, node.span);
    if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
      const want = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      return fail(`function '${spec.name}' takes ${want} arguments but got ${node.args.length}`, node.span);
    }
    const args = node.args.map(compile);
    if (spec.arithmetic) return compileArith(spec.arithmetic, args[0], args[1]);
    const apply = spec.apply!;
    const insensitive = node.insensitive;
    if (spec.predicate) {
      const [subject, ...rest] = args;
      const test = (s: Scalar, e: EqlEvent) => apply([s, ...rest.map((a) => first(a.ev(e)))], insensitive) === true;
      const ev = (e: EqlEvent) => {
        const v = subject.ev(e);
        if (!Array.isArray(v)) return apply([first(v), ...rest.map((a) => first(a.ev(e)))], insensitive);
        const els = elements(v);
        if (els.length === 0) return apply([null, ...rest.map((a) => first(a.ev(e)))], insensitive);
        for (const x of els) if (test(x, e)) return true;
        return false;
      };
      return withWhy(ev, (e, out) => {
        const r = ev(e);
        if (r === true) {
          const raw = subject.ev(e);
          const els = Array.isArray(raw) ? raw : [raw];
          const index = els.findIndex((x) => x !== null && typeof x !== "object" && test(x as Scalar, e));
          const name = subject.field?.name ?? null;
          out.push({
            text: text(node.span),
            field: name && Array.isArray(raw) && index >= 0 ? `${name}[${index}]` : name,
            value: index >= 0 ? els[index] : raw,
            op: spec.name + (insensitive ? "~" : ""),
            pattern: rest.length === 1 && rest[0].constant ? rest[0].constant.value : rest.map((a) => a.constant?.value ?? null),
            span: node.span,
          });
        }
        return r;
      });
    }
    if (spec.javaDoubles && args.some((a) => a.isFloat)) {
      return plain((e) =>
        apply(
          args.map((a) => {
            const v = first(a.ev(e));
            return a.isFloat && typeof v === "number" ? (new JavaDouble(v) as unknown as Scalar) : v;
          }),
          insensitive,
        ),
      );
    }
    return plain((e) => apply(args.map((a) => first(a.ev(e))), insensitive));
  }

  /** A `not (...)` that held: show its text with the value of the first field inside it. */
  function describeNot(operand: Expr, span: Span): (e: EqlEvent) => MatchedCondition {
    const field = firstField(operand);
    const get = field ? compileField(field).ev : null;
    const name = field ? pathToString(field.path) : null;
    return (e) => ({ text: text(span), field: name, value: get ? (get(e) ?? null) : null, op: "not", pattern: null, span });
  }

  return asCondition ? condition(expr) : compile(expr);
}

/** Does the expression decide true or false itself (so `== true` / `== false` can be folded into it)? */
function isConditional(e: Expr): boolean {
  switch (e.kind) {
    case "paren":
      return isConditional(e.inner);
    case "not":
    case "logical":
    case "compare":
    case "in":
    case "match":
      return true;
    case "call":
      return !!lookupFunction(e.name)?.predicate;
    default:
      return false;
  }
}

/**
 * The fields a leaf computes over — under a function or arithmetic, or compared with another field —
 * which Elasticsearch reads value by value in a script. A field a comparison, `in`, `:` or predicate function tests directly is
 * not among them: those tests already ask "does any value pass".
 */
function scriptFields(node: Expr): FieldRef[] {
  const found = new Map<string, FieldRef>();
  const walk = (n: Expr, computed: boolean): void => {
    switch (n.kind) {
      case "field":
        if (computed) found.set(pathToString(n.path), n);
        return;
      case "paren":
        return walk(n.inner, computed);
      case "neg":
        return walk(n.operand, true);
      case "not":
        return walk(n.operand, true);
      case "arith":
      case "logical":
        walk(n.left, true);
        return walk(n.right, true);
      case "compare": {
        // Field against field: value against value, as a script would (each field read once).
        const both = computed || (firstField(n.left) !== null && firstField(n.right) !== null);
        walk(n.left, both);
        return walk(n.right, both);
      }
      case "in":
        walk(n.value, computed);
        return n.items.forEach((i) => walk(i, computed));
      case "match":
        walk(n.value, computed);
        return n.patterns.forEach((p) => walk(p, computed));
      case "call": {
        const predicate = !!lookupFunction(n.name)?.predicate;
        return n.args.forEach((a, i) => walk(a, computed || !(predicate && i === 0 && a.kind === "field")));
      }
      default:
        return;
    }
  };
  walk(node, false);
  return [...found.values()];
}

function firstField(e: Expr): FieldRef | null {
  switch (e.kind) {
    case "field":
      return e;
    case "not":
    case "neg":
      return firstField(e.operand);
    case "paren":
      return firstField(e.inner);
    case "logical":
    case "compare":
    case "arith":
      return firstField(e.left) ?? firstField(e.right);
    case "match":
    case "in":
      return firstField(e.value);
    case "call":
      for (const a of e.args) {
        const f = firstField(a);
        if (f) return f;
      }
      return null;
    default:
      return null;
  }
}
