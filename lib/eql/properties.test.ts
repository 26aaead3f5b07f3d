import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr } from "./ast";
import { eventArb, exprArb, tokenSoupArb } from "./arbitraries";
import { generatePredicate } from "./codegen";
import { compileCondition } from "./compile-expr";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";
import { holdsNaive } from "./naive";
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

describe("conditions, as Elasticsearch's bool queries decide them", () => {
  // Each leaf is a query (true or false); `not` is must_not, so a missing field is simply false
  // under and/or and true under not.
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
  const holds = (t: Tree, env: Record<string, boolean | null>): boolean =>
    t.op === "var" ? env[t.name] === true : t.op === "not" ? !holds(t.x, env) : t.op === "and" ? holds(t.l, env) && holds(t.r, env) : holds(t.l, env) || holds(t.r, env);
  const value = fc.constantFrom<boolean | null>(true, false, null);

  it("are boolean over leaves, a leaf on a missing field being false", () => {
    fc.assert(
      fc.property(tree, value, value, value, (t, a, b, c) => {
        const src = text(t);
        const compiled = compileCondition(parseExpression(src), { source: src });
        const generated = generatePredicate(compiled);
        const event: Record<string, unknown> = {};
        for (const [k, v] of Object.entries({ a, b, c })) if (v !== null) event[k] = v;
        const want = holds(t, { a, b, c });
        return compiled.isTrue(event) === want && generated(event) === want && (compiled.why(event, []) === true) === want;
      }),
      { numRuns: 3000 },
    );
  });

  it("select events that lack the field under not, !=, not in and not :", () => {
    const holdsFor = (src: string, e: Record<string, unknown>) => compileCondition(parseExpression(src), { source: src }).isTrue(e);
    const noParent = { process: { name: "sh" } };
    expect(holdsFor('process.parent.name != "bash"', noParent)).toBe(true);
    expect(holdsFor('not process.parent.name == "bash"', noParent)).toBe(true);
    expect(holdsFor('process.parent.name not in ("bash", "zsh")', noParent)).toBe(true);
    expect(holdsFor('not process.parent.name : "ba*"', noParent)).toBe(true);
    expect(holdsFor('not (process.parent.name : "ba*" and process.name == "sh")', noParent)).toBe(true);
    // The positive leaves stay false, and != still refuses an array that holds the value.
    expect(holdsFor('process.parent.name == "bash"', noParent)).toBe(false);
    expect(holdsFor('process.parent.name != "bash" and process.name == "sh"', { process: { name: "sh", parent: { name: ["zsh", "bash"] } } })).toBe(false);
    expect(holdsFor("missing == null", {})).toBe(true);
    expect(holdsFor("missing != null", {})).toBe(false);
    // A function of a missing field is null inside its leaf, and the leaf false: `not` makes it true.
    expect(holdsFor("length(missing) > 0", {})).toBe(false);
    expect(holdsFor("not length(missing) > 0", {})).toBe(true);
    expect(holdsFor('substring(missing, 5) not in ("a", "b")', {})).toBe(true);
    expect(holdsFor("number(missing, 16) != null", {})).toBe(false);
    // `f(x) == false` is must_not f(x), as Elasticsearch rewrites it.
    expect(holdsFor('cidrMatch(source.ip, "10.0.0.0/8") == false', {})).toBe(true);
    expect(holdsFor('cidrMatch(source.ip, "10.0.0.0/8") != true', { source: { ip: "10.1.2.3" } })).toBe(false);
  });

  it("evaluate a function over a multi-valued field value by value, each condition on its own", () => {
    const holdsFor = (src: string, e: Record<string, unknown>) => compileCondition(parseExpression(src), { source: src }).isTrue(e);
    const e = { file_name: ["ab", "abcdefghijklmnop", "abcdefg"] };
    expect(holdsFor("length(file_name) > 5 and length(file_name) < 10", { file_name: ["ab", "abcdefghijklmnop"] })).toBe(true);
    expect(holdsFor("length(file_name) == 7", e)).toBe(true);
    expect(holdsFor('substring(file_name, 0, 3) == "abc"', e)).toBe(true);
    expect(holdsFor("length(file_name) != 2", { file_name: ["ab", "abc"] })).toBe(false);
    expect(holdsFor("length(file_name) > 20", e)).toBe(false);
    // Two fields: every pair of values.
    expect(holdsFor("a + b == 12", { a: [1, 2], b: [5, 10] })).toBe(true);
    expect(holdsFor("a + b == 13", { a: [1, 2], b: [5, 10] })).toBe(false);
  });
});

describe("compiler and naive evaluator", () => {
  it("agree on random expressions and events", () => {
    fc.assert(
      fc.property(exprArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), (expr: Expr, events) => {
        const src = printExpr(expr);
        const compiled = compileCondition(parseExpression(src), { source: src });
        const generated = generatePredicate(compiled);
        for (const e of events) {
          const expected = holdsNaive(expr, e);
          expect(generated(e)).toBe(expected);
          expect(compiled.ev(e) === true).toBe(expected);
          expect(compiled.why(e, []) === true).toBe(expected);
          // The short-circuit "true?" and "false?" paths agree with the full value.
          expect(compiled.isTrue(e)).toBe(expected);
          expect(compiled.isFalse(e)).toBe(!expected);
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
