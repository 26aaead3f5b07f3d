/** fast-check generators for EQL expressions, events and token soups (tests and the fuzz script). */
import fc from "fast-check";
import type { Expr } from "./ast";
import { FUNCTION_NAMES } from "./functions";

const span = { start: 0, end: 0 };
const FIELDS = [["a"], ["b"], ["process", "name"], ["process", "args"], ["n"], ["m"]];
const WORDS = ["bash", "Bash", "kubectl", "--as", "--AS=x", "", "a*b", "x?y", "1", "10"];

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...WORDS).map((value): Expr => ({ kind: "literal", type: "string", value, span })),
  fc.integer({ min: -20, max: 20 }).map((value): Expr => ({ kind: "literal", type: "number", value, isFloat: false, span })),
  fc.constantFrom(1.5, 2.0, -0.5).map((value): Expr => ({ kind: "literal", type: "number", value, isFloat: true, span })),
  fc.boolean().map((value): Expr => ({ kind: "literal", type: "boolean", value, span })),
  fc.constant<Expr>({ kind: "literal", type: "null", value: null, span }),
);

const field: fc.Arbitrary<Expr> = fc
  .tuple(fc.constantFrom(...FIELDS), fc.boolean())
  .map(([path, optional]): Expr => ({ kind: "field", path, optional, span }));

const pattern = fc
  .array(fc.constantFrom("a", "b", "B", "*", "?", "-", "as", "sh"), { maxLength: 5 })
  .map((parts): Expr => ({ kind: "literal", type: "string", value: parts.join(""), span }));

/** Random condition expressions over a small set of fields, covering every operator family. */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    field,
    fc.record({ kind: fc.constant("not" as const), operand: tie("expr"), span: fc.constant(span) }),
    fc.record({ kind: fc.constant("logical" as const), op: fc.constantFrom("and" as const, "or" as const), left: tie("expr"), right: tie("expr"), span: fc.constant(span) }),
    fc.record({
      kind: fc.constant("compare" as const),
      op: fc.constantFrom("==" as const, "!=" as const, "<" as const, "<=" as const, ">" as const, ">=" as const),
      left: fc.oneof(field, literal),
      right: fc.oneof(literal, field),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant("arith" as const),
      op: fc.constantFrom("+" as const, "-" as const, "*" as const, "/" as const, "%" as const),
      left: fc.oneof(field, literal),
      right: fc.oneof(literal, field),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant("match" as const),
      op: fc.constantFrom(":" as const, "like" as const, "like~" as const),
      negated: fc.boolean(),
      value: field,
      patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }),
      list: fc.constant(true),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant("in" as const),
      op: fc.constantFrom("in" as const, "in~" as const),
      negated: fc.boolean(),
      value: field,
      items: fc.array(literal, { minLength: 1, maxLength: 3 }),
      span: fc.constant(span),
    }),
    fc.record({
      kind: fc.constant("call" as const),
      name: fc.constantFrom("startsWith", "endsWith", "stringContains", "length", "concat", "substring", "indexOf"),
      insensitive: fc.boolean(),
      args: fc.array(fc.oneof(field, literal), { minLength: 2, maxLength: 2 }),
      span: fc.constant(span),
    }).map((c): Expr => (c.name === "length" || c.name === "concat" ? { ...c, insensitive: false, args: c.args.slice(0, 1) } : c.name === "substring" ? { ...c, insensitive: false } : c)),
  ),
})).expr;

const scalar = fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: -5, max: 20 }), fc.boolean());

/** Events with any of the fields present, missing, null, scalar or multi-valued. */
export const eventArb = fc.record(
  {
    a: fc.oneof(scalar, fc.constant(null)),
    b: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    n: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant(null)),
    m: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true })),
    process: fc.record({ name: scalar, args: fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 4 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const TOKENS = [
  "process", "where", "any", "sequence", "sample", "by", "with", "maxspan", "=", "runs", "until", "[", "]", "![", "(", ")",
  "and", "or", "not", "in", "in~", ":", "like", "like~", "regex", "regex~", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
  "%", ",", "|", "head", "tail", "true", "false", "null", "?", "`x`", '"s"', '"""r"""', "1", "2.5", "5m", "process.name", "?a",
  "a[0]", "//c\n", "/*c*/", "\\", "'", "~", ...FUNCTION_NAMES,
];

/** Sequences of EQL tokens glued with spaces: plausible-looking queries, mostly invalid. */
export const tokenSoupArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(" "));
