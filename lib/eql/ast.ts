/** EQL abstract syntax tree. Every node carries its source span for errors and explanations. */

export interface Span {
  start: number;
  end: number;
}

export type Literal =
  | { kind: "literal"; value: string; type: "string"; span: Span }
  | { kind: "literal"; value: number; type: "number"; isFloat: boolean; span: Span }
  | { kind: "literal"; value: boolean; type: "boolean"; span: Span }
  | { kind: "literal"; value: null; type: "null"; span: Span };

export interface FieldRef {
  kind: "field";
  /** Path segments: names and array indexes, e.g. ["process", "args", 0]. */
  path: (string | number)[];
  optional: boolean;
  span: Span;
}

export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";
/** Pattern operators; `:` is the case-insensitive wildcard match. */
export type MatchOp = ":" | "like" | "like~" | "regex" | "regex~";
export type InOp = "in" | "in~";

export type Expr =
  | Literal
  | FieldRef
  | { kind: "not"; operand: Expr; span: Span }
  | { kind: "logical"; op: "and" | "or"; left: Expr; right: Expr; span: Span }
  | { kind: "compare"; op: ComparisonOp; left: Expr; right: Expr; span: Span }
  | { kind: "arith"; op: ArithmeticOp; left: Expr; right: Expr; span: Span }
  | { kind: "neg"; operand: Expr; span: Span }
  | { kind: "match"; op: MatchOp; negated: boolean; value: Expr; patterns: Expr[]; list: boolean; span: Span }
  | { kind: "in"; op: InOp; negated: boolean; value: Expr; items: Expr[]; span: Span }
  | { kind: "call"; name: string; insensitive: boolean; args: Expr[]; span: Span }
  | { kind: "paren"; inner: Expr; span: Span };

export interface EventFilter {
  /** Event category; null for `any`. */
  category: string | null;
  condition: Expr;
  span: Span;
}

export interface SequenceTerm {
  filter: EventFilter;
  keys: Expr[];
  runs: number;
  missing: boolean;
  span: Span;
}

export interface Pipe {
  kind: "head" | "tail";
  count: number;
  span: Span;
}

export interface EventQuery {
  kind: "event";
  filter: EventFilter;
  pipes: Pipe[];
  span: Span;
}

export interface SequenceQuery {
  kind: "sequence";
  keys: Expr[];
  /** Milliseconds; 0 for none. */
  maxspan: number;
  /** The maxspan as written, for printing. */
  maxspanText: string | null;
  terms: SequenceTerm[];
  until: SequenceTerm | null;
  pipes: Pipe[];
  span: Span;
}

export interface SampleQuery {
  kind: "sample";
  keys: Expr[];
  terms: SequenceTerm[];
  pipes: Pipe[];
  span: Span;
}

export type Query = EventQuery | SequenceQuery | SampleQuery;

/** The operands of an expression node, in source order (none for literals and fields). */
export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case "paren":
      return [e.inner];
    case "not":
    case "neg":
      return [e.operand];
    case "logical":
    case "compare":
    case "arith":
      return [e.left, e.right];
    case "in":
      return [e.value, ...e.items];
    case "match":
      return [e.value, ...e.patterns];
    case "call":
      return e.args;
    default:
      return [];
  }
}

/** Whether an expression reads the event (a field anywhere in it); one that does not is a constant. */
export function readsFields(e: Expr): boolean {
  return e.kind === "field" || childrenOf(e).some(readsFields);
}
