import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr } from "./ast";
import { eventArb, exprArb, tokenSoupArb } from "./arbitraries";
import { generatePredicate } from "./codegen";
import { compileExpr } from "./compile-expr";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";
import { evaluateNaive } from "./naive";
import { parse, parseExpression } from "./parser";
import { printExpr, printQuery } from "./printer";
import { compileWildcard, compileWildcardSet, toLowerFast, wildcardReference, wildcardSetCode } from "./wildcard";

/** Drops spans and parentheses so two parses can be compared by shape. */
function shape(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(shape);
  if (!e || typeof e !== "object") return e;
  const node = e as Record<string, unknown>;
  if (node.kind === "paren") return shape(node.inner);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (k !== "span") out[k] = shape(v);
  return out;
}

describe("wildcards", () => {
  const pat = fc.array(fc.constantFrom("a", "b", "A", "*", "?", ".", "é", "\\"), { maxLength: 8 }).map((x) => x.join(""));
  const val = fc.array(fc.constantFrom("a", "b", "A", "B", ".", "é", "\\", "x"), { maxLength: 10 }).map((x) => x.join(""));
  it("agree with a reference matcher, case-sensitive and not", () => {
    fc.assert(
      fc.property(pat, val, fc.boolean(), (p, v, ci) => compileWildcard(p, ci)(v) === wildcardReference(p, v, ci)),
      { numRuns: 5000 },
    );
  });

  it("agree as sets, compiled and as generated code", () => {
    const run = (patterns: string[], ci: boolean, v: string) => {
      const bound: unknown[] = [];
      const code = wildcardSetCode(patterns, ci, (value) => `b[${bound.push(value) - 1}]`);
      return new Function("b", "x", `let y; return ${code};`)(bound, v) as boolean;
    };
    fc.assert(
      fc.property(fc.array(pat, { maxLength: 7 }), val, fc.boolean(), (ps, v, ci) => {
        const expected = ps.some((p) => wildcardReference(p, v, ci));
        return compileWildcardSet(ps, ci)(v) === expected && run(ps, ci, v) === expected;
      }),
      { numRuns: 3000 },
    );
  });

  it("lower-case exactly like String.prototype.toLowerCase", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => toLowerFast(s) === s.toLowerCase()), { numRuns: 5000 });
    const lower = "/usr/bin/kubectl";
    expect(toLowerFast(lower)).toBe(lower);
    expect(toLowerFast("Kubectl.EXE")).toBe("kubectl.exe");
  });
});

describe("three-valued logic", () => {
  type V = boolean | null;
  const kleene = {
    and: (a: V, b: V): V => (a === false || b === false ? false : a === true && b === true ? true : null),
    or: (a: V, b: V): V => (a === true || b === true ? true : a === false && b === false ? false : null),
    not: (a: V): V => (a === null ? null : !a),
  };
  type Tree = { op: "and" | "or"; l: Tree; r: Tree } | { op: "not"; x: Tree } | { op: "var"; name: "a" | "b" | "c" };
  const tree = fc.letrec<{ t: Tree }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom("a" as const, "b" as const, "c" as const).map((name): Tree => ({ op: "var", name })),
      fc.record({ op: fc.constantFrom("and" as const, "or" as const), l: tie("t"), r: tie("t") }),
      fc.record({ op: fc.constant("not" as const), x: tie("t") }),
    ),
  })).t;
  const text = (t: Tree): string =>
    t.op === "var" ? `${t.name} == true` : t.op === "not" ? `not (${text(t.x)})` : `(${text(t.l)}) ${t.op} (${text(t.r)})`;
  const truthOf = (t: Tree, env: Record<string, V>): V =>
    t.op === "var" ? env[t.name] : t.op === "not" ? kleene.not(truthOf(t.x, env)) : kleene[t.op](truthOf(t.l, env), truthOf(t.r, env));
  const value = fc.constantFrom<V>(true, false, null);

  it("follows Kleene's tables, a missing field being null, and only true selects", () => {
    fc.assert(
      fc.property(tree, value, value, value, (t, a, b, c) => {
        const src = text(t);
        const compiled = compileExpr(parseExpression(src), { source: src });
        const event: Record<string, unknown> = {};
        for (const [k, v] of Object.entries({ a, b, c })) if (v !== null) event[k] = v;
        return compiled.ev(event) === truthOf(t, { a, b, c });
      }),
      { numRuns: 3000 },
    );
  });

  it("has the tables written out", () => {
    const ev = (src: string) => compileExpr(parseExpression(src), { source: src }).ev({ t: true, f: false });
    expect([ev("t == true and missing == 1"), ev("f == true and missing == 1"), ev("t == true or missing == 1")]).toEqual([null, false, true]);
    expect([ev("f == true or missing == 1"), ev("not missing == 1"), ev("missing == null"), ev("missing != null")]).toEqual([null, null, true, false]);
  });
});

describe("compiler and naive evaluator", () => {
  it("agree on random expressions and events", () => {
    fc.assert(
      fc.property(exprArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), (expr: Expr, events) => {
        const src = printExpr(expr);
        const compiled = compileExpr(parseExpression(src), { source: src });
        const generated = generatePredicate(compiled);
        for (const e of events) {
          const expected = evaluateNaive(expr, e);
          expect(generated(e)).toBe(expected === true);
          expect(compiled.ev(e)).toEqual(expected);
          // The short-circuit "true?" and "false?" paths agree with the full value.
          expect(compiled.isTrue(e)).toBe(expected === true);
          expect(compiled.isFalse(e)).toBe(expected === false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("printing", () => {
  it("round-trips: parse(print(ast)) has the shape of ast", () => {
    fc.assert(
      fc.property(exprArb, (expr) => {
        expect(shape(parseExpression(printExpr(expr)))).toEqual(shape(expr));
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips whole queries with sequences, samples and pipes", () => {
    const queries = [
      'sequence by host.id, ?user.name with maxspan=30s [process where process.name : "ssh*"] by process.pid with runs=2 ![file where true] [network where destination.port in (22, 2222)] until [process where event.type == "end"] | tail 3',
      "sample by host [any where a > 1] by b [\"my category\" where `weird name` == -2.0]",
      'process where not (a : ("x*", "y")) and startsWith~(b, "Q") | head 5 | tail 2',
    ];
    for (const q of queries) expect(shape(parse(printQuery(parse(q))))).toEqual(shape(parse(q)));
  });
});

describe("parser robustness", () => {
  const expectOnlyEqlErrors = (input: string) => {
    try {
      compileQuery(input);
    } catch (err) {
      if (!(err instanceof EqlError)) throw err;
      expect(err.line).toBeGreaterThan(0);
      expect(err.column).toBeGreaterThan(0);
      expect(err.excerpt).toContain("^");
    }
  };
  it("gives a typed error, never another exception, for random strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: "binary" }), (s) => expectOnlyEqlErrors(s)), { numRuns: 3000 });
  });
  it("gives a typed error, never another exception, for token soups", () => {
    fc.assert(fc.property(tokenSoupArb, (s) => expectOnlyEqlErrors(`process where ${s}`)), { numRuns: 3000 });
    fc.assert(fc.property(tokenSoupArb, (s) => expectOnlyEqlErrors(s)), { numRuns: 3000 });
  });
  it("refuses deep nesting with an error instead of overflowing the stack", () => {
    expect(() => compileQuery(`process where ${"(".repeat(5000)}true${")".repeat(5000)}`)).toThrow(/nested too deeply/);
    expect(() => compileQuery(`process where ${"not ".repeat(5000)}true`)).toThrow(EqlError);
  });
});
