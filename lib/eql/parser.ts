import type { EventFilter, Expr, FieldRef, MatchOp, Pipe, Query, SequenceTerm, Span } from "./ast";
import { EqlError, locate } from "./errors";
import { tokenize, type Token } from "./lexer";

/** Binding powers of infix operators: the precedence table of the language. */
const INFIX_POWER: Record<string, number> = {
  or: 1,
  and: 2,
  "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4, ":": 4,
  in: 4, "in~": 4, like: 4, "like~": 4, regex: 4, "regex~": 4, not: 4,
  "+": 5, "-": 5,
  "*": 6, "/": 6, "%": 6,
};
const NOT_POWER = 3;
const UNARY_POWER = 7;

const RESERVED = new Set(["and", "or", "not", "in", "like", "regex", "where", "by", "with", "until", "sequence", "sample", "true", "false", "null", "of", "join"]);
const MATCH_OPS = new Set([":", "like", "like~", "regex", "regex~"]);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const UNSUPPORTED_PIPES = new Set(["count", "filter", "unique", "unique_count", "sort", "window"]);

/** Maximum nesting of parentheses and operators; deeper input gets an error, not a stack overflow. */
const MAX_DEPTH = 200;

/** Parses an EQL query into an AST. Throws EqlError with line, column and caret on bad input. */
export function parse(source: string): Query {
  return new Parser(source).parseQuery();
}

/** Parses a bare condition (no category), e.g. for exception entries or previews. */
export function parseExpression(source: string): Expr {
  const p = new Parser(source);
  const expr = p.expression(0);
  p.expectEnd();
  return expr;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  private fail(message: string, token: Token = this.peek(), kind: "syntax" | "unsupported" = "syntax"): never {
    throw new EqlError(kind, message, this.source, locate(this.source, token.start));
  }
  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (t.type !== "eof") this.pos++;
    return t;
  }
  private isOp(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === "op" && t.value === value;
  }
  private isWord(value: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.type === "ident" && !t.tilde && t.value === value;
  }
  private expectOp(value: string): Token {
    if (!this.isOp(value)) this.fail(`expected '${value}' but found ${describe(this.peek())}`);
    return this.next();
  }
  private expectWord(value: string): Token {
    if (!this.isWord(value)) this.fail(`expected '${value}' but found ${describe(this.peek())}`);
    return this.next();
  }
  expectEnd(): void {
    if (this.peek().type !== "eof") this.fail(`unexpected ${describe(this.peek())}`);
  }
  private span(start: number): Span {
    return { start, end: this.tokens[Math.max(0, this.pos - 1)].end };
  }

  parseQuery(): Query {
    const first = this.peek();
    let query: Query;
    if (this.isWord("sequence")) query = this.sequence();
    else if (this.isWord("sample")) query = this.sample();
    else {
      const filter = this.eventFilter();
      query = { kind: "event", filter, pipes: [], span: filter.span };
    }
    query.pipes = this.pipes();
    query.span = this.span(first.start);
    this.expectEnd();
    return query;
  }

  private pipes(): Pipe[] {
    const pipes: Pipe[] = [];
    while (this.isOp("|")) {
      const bar = this.next();
      const name = this.peek();
      if (name.type !== "ident") this.fail(`expected a pipe name after '|' but found ${describe(name)}`);
      if (name.value !== "head" && name.value !== "tail") {
        if (UNSUPPORTED_PIPES.has(name.value)) this.fail(`pipe '${name.value}' is not supported by Elasticsearch EQL; use head or tail`, name, "unsupported");
        this.fail(`unknown pipe '${name.value}'`, name);
      }
      this.next();
      let count = 10;
      if (this.peek().type === "number") {
        const num = this.next();
        if (num.isFloat) this.fail("pipe size must be a whole number", num);
        count = Number(num.value);
      } else if (this.isOp("-")) {
        this.fail("pipe size must not be negative");
      }
      pipes.push({ kind: name.value, count, span: this.span(bar.start) });
    }
    return pipes;
  }

  private eventFilter(): EventFilter {
    const t = this.peek();
    let category: string | null;
    if (t.type === "string" || t.type === "quoted") category = this.next().value;
    else if (t.type === "ident" && !t.tilde && !RESERVED.has(t.value)) {
      this.next();
      category = t.value === "any" ? null : t.value;
    } else if (t.type === "ident" && t.value === "join") {
      // The Python library's joins: Elasticsearch parses them and runs none.
      this.fail("join is not supported; a sequence (sequence by … [ … ] [ … ]) finds ordered events", t, "unsupported");
    } else this.fail(`expected an event category (or 'any', 'sequence', 'sample') but found ${describe(t)}`);
    this.expectWord("where");
    const condition = this.expression(0);
    return { category, condition, span: this.span(t.start) };
  }

  private sequence(): Query {
    const start = this.expectWord("sequence").start;
    let keys: Expr[] = [];
    let maxspan = 0;
    let maxspanText: string | null = null;
    for (let round = 0; round < 2; round++) {
      if (this.isWord("by") && keys.length === 0) keys = this.joinKeys();
      else if (this.isWord("with") && maxspanText === null) {
        this.next();
        const name = this.peek();
        if (!this.isWord("maxspan")) this.fail(`expected 'maxspan' after 'with' but found ${describe(name)}`);
        this.next();
        this.expectOp("=");
        ({ ms: maxspan, text: maxspanText } = this.timeUnit());
      }
    }
    const terms = this.terms(true);
    let until: SequenceTerm | null = null;
    if (this.isWord("until")) {
      this.next();
      until = this.term(false);
      if (until.runs !== 1) this.fail("'runs' is not allowed on until");
    }
    if (terms.filter((t) => !t.missing).length === 0) this.fail("a sequence needs at least one event that is not missing (![...])");
    if (terms.some((t) => t.missing) && maxspan === 0 && (terms[0].missing || terms[terms.length - 1].missing)) {
      this.fail("a sequence with a leading or trailing missing event (![...]) needs 'with maxspan'");
    }
    return { kind: "sequence", keys, maxspan, maxspanText, terms, until, pipes: [], span: this.span(start) };
  }

  private sample(): Query {
    const start = this.expectWord("sample").start;
    const keys = this.isWord("by") ? this.joinKeys() : [];
    const terms = this.terms(false);
    if (terms.length > 5) this.fail("a sample allows at most 5 filters", this.tokens[this.pos - 1]);
    return { kind: "sample", keys, terms, pipes: [], span: this.span(start) };
  }

  private terms(allowMissing: boolean): SequenceTerm[] {
    const terms: SequenceTerm[] = [];
    while (this.isOp("[") || (this.isOp("!") && this.isOp("[", 1))) {
      if (this.isOp("!") && !allowMissing) this.fail("missing events (![...]) are only allowed in sequences");
      terms.push(this.term(allowMissing));
    }
    const total = terms.reduce((n, t) => n + t.runs, 0);
    if (total < 2) this.fail(`expected at least 2 bracketed filters (or 'with runs') but found ${total}`);
    return terms;
  }

  private term(allowRuns: boolean): SequenceTerm {
    const start = this.peek().start;
    const missing = this.isOp("!");
    if (missing) this.next();
    this.expectOp("[");
    const filter = this.eventFilter();
    this.expectOp("]");
    const keys = this.isWord("by") ? this.joinKeys() : [];
    let runs = 1;
    if (this.isWord("with") && this.isWord("runs", 1)) {
      if (!allowRuns) this.fail("'runs' is only allowed on sequence terms");
      this.next();
      this.next();
      this.expectOp("=");
      const num = this.peek();
      if (num.type !== "number" || num.isFloat) this.fail(`expected a whole number of runs but found ${describe(num)}`);
      this.next();
      runs = Number(num.value);
      if (runs < 1 || runs > 100) this.fail("runs must be between 1 and 100", num);
    }
    return { filter, keys, runs, missing, span: this.span(start) };
  }

  private joinKeys(): Expr[] {
    this.expectWord("by");
    const keys = [this.expression(0)];
    while (this.isOp(",")) {
      this.next();
      keys.push(this.expression(0));
    }
    return keys;
  }

  private timeUnit(): { ms: number; text: string } {
    const num = this.peek();
    if (num.type !== "number") this.fail(`expected a time span like 5m but found ${describe(num)}`);
    this.next();
    const unit = this.peek();
    if (unit.type !== "ident" || unit.start !== num.end || !(unit.value in UNIT_MS)) {
      this.fail("expected a time unit (ms, s, m, h, d) right after the number", unit);
    }
    this.next();
    const ms = Number(num.value) * UNIT_MS[unit.value];
    if (!(ms > 0)) this.fail("maxspan must be greater than zero", num);
    return { ms, text: `${num.value}${unit.value}` };
  }

  /** Pratt loop: parses an expression whose operators bind tighter than `minPower`. */
  expression(minPower: number): Expr {
    if (++this.depth > MAX_DEPTH) this.fail("expression is nested too deeply");
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      let op: string | null = null;
      if (t.type === "op" && t.value in INFIX_POWER) op = t.value;
      else if (t.type === "ident") op = t.tilde ? `${t.value}~` : t.value;
      if (op === null || !(op in INFIX_POWER)) break;
      const power = INFIX_POWER[op];
      if (power <= minPower) break;
      left = this.infix(left, op, power);
    }
    this.depth--;
    return left;
  }

  private infix(left: Expr, op: string, power: number): Expr {
    const start = left.span.start;
    const opToken = this.next();
    if (op === "and" || op === "or") {
      const right = this.expression(power);
      return { kind: "logical", op, left, right, span: this.span(start) };
    }
    if (op === "+" || op === "-" || op === "*" || op === "/" || op === "%") {
      const right = this.expression(power);
      return { kind: "arith", op, left, right, span: this.span(start) };
    }
    let negated = false;
    if (op === "not") {
      const t = this.peek();
      op = t.type === "ident" ? (t.tilde ? `${t.value}~` : t.value) : t.type === "op" && t.value === ":" ? ":" : "";
      if (op !== "in" && op !== "in~" && !MATCH_OPS.has(op)) this.fail(`expected 'in', ':', 'like' or 'regex' after 'not' but found ${describe(t)}`);
      this.next();
      negated = true;
    }
    if (op === "in" || op === "in~") {
      const items = this.list(opToken);
      return { kind: "in", op, negated, value: left, items, span: this.span(start) };
    }
    if (MATCH_OPS.has(op)) {
      const list = this.isOp("(");
      const patterns = list ? this.list(opToken) : [this.expression(power)];
      return { kind: "match", op: op as MatchOp, negated, value: left, patterns, list, span: this.span(start) };
    }
    const right = this.expression(power);
    return { kind: "compare", op: op as "==", left, right, span: this.span(start) };
  }

  private list(after: Token): Expr[] {
    if (!this.isOp("(")) this.fail(`expected '(' with a list after '${after.value}' but found ${describe(this.peek())}`);
    this.next();
    const items: Expr[] = [];
    if (this.isOp(")")) this.fail("a list needs at least one value");
    for (;;) {
      items.push(this.expression(0));
      if (this.isOp(",")) {
        this.next();
        continue;
      }
      this.expectOp(")");
      return items;
    }
  }

  private prefix(): Expr {
    const t = this.peek();
    const start = t.start;
    if (t.type === "string") {
      this.next();
      return { kind: "literal", type: "string", value: t.value, span: this.span(start) };
    }
    if (t.type === "number") {
      this.next();
      return { kind: "literal", type: "number", value: Number(t.value), isFloat: !!t.isFloat, span: this.span(start) };
    }
    if (t.type === "op") {
      if (t.value === "(") {
        this.next();
        const inner = this.expression(0);
        this.expectOp(")");
        return { kind: "paren", inner, span: this.span(start) };
      }
      if (t.value === "-" || t.value === "+") {
        this.next();
        const operand = this.expression(UNARY_POWER);
        if (t.value === "+") return operand;
        if (operand.kind === "literal" && operand.type === "number") {
          return { ...operand, value: -operand.value, span: this.span(start) };
        }
        return { kind: "neg", operand, span: this.span(start) };
      }
      if (t.value === "?") {
        this.next();
        const next = this.peek();
        if (next.start !== t.end || (next.type !== "ident" && next.type !== "quoted")) this.fail("expected a field name right after '?'", next);
        const field = this.field();
        return { ...field, optional: true, span: this.span(start) };
      }
      this.fail(`unexpected ${describe(t)}`);
    }
    if (t.type === "quoted") return this.field();
    if (t.type === "ident") {
      if (!t.tilde) {
        if (t.value === "true" || t.value === "false") {
          this.next();
          return { kind: "literal", type: "boolean", value: t.value === "true", span: this.span(start) };
        }
        if (t.value === "null") {
          this.next();
          return { kind: "literal", type: "null", value: null, span: this.span(start) };
        }
        if (t.value === "not") {
          this.next();
          const operand = this.expression(NOT_POWER);
          return { kind: "not", operand, span: this.span(start) };
        }
      }
      if (this.isOp("(", 1) && !RESERVED.has(t.value)) return this.call();
      if (t.tilde) this.fail(`'~' is only allowed after a function name or operator`, t);
      if (RESERVED.has(t.value)) this.fail(`unexpected keyword '${t.value}'`);
      // The Python library's `descendant of [...]`, `child of [...]`, `event of [...]`: Elasticsearch refuses them too.
      if ((t.value === "descendant" || t.value === "child" || t.value === "event") && this.peek(1).type === "ident" && this.peek(1).value === "of") {
        this.fail(`process relationships ('${t.value} of [...]') are not supported`, t, "unsupported");
      }
      return this.field();
    }
    this.fail(`unexpected ${describe(t)}`);
  }

  private call(): Expr {
    const name = this.next();
    this.expectOp("(");
    const args: Expr[] = [];
    if (!this.isOp(")")) {
      for (;;) {
        args.push(this.expression(0));
        if (this.isOp(",")) {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expectOp(")");
    return { kind: "call", name: name.value, insensitive: !!name.tilde, args, span: this.span(name.start) };
  }

  private field(): FieldRef {
    const start = this.peek().start;
    const path: (string | number)[] = [];
    const segment = () => {
      const t = this.peek();
      if (t.type === "quoted" || (t.type === "ident" && !t.tilde)) {
        this.next();
        path.push(t.value);
      } else this.fail(`expected a field name but found ${describe(t)}`);
    };
    segment();
    for (;;) {
      if (this.isOp(".") && this.peek(1).start === this.peek().end) {
        this.next();
        segment();
      } else if (this.isOp("[") && this.peek().start === this.tokens[this.pos - 1].end) {
        this.next();
        const num = this.peek();
        if (num.type !== "number" || num.isFloat) this.fail(`expected an array index but found ${describe(num)}`);
        this.next();
        this.expectOp("]");
        path.push(Number(num.value));
      } else break;
    }
    return { kind: "field", path, optional: false, span: this.span(start) };
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case "eof":
      return "end of query";
    case "string":
      return `string "${t.value.length > 30 ? t.value.slice(0, 30) + "…" : t.value}"`;
    case "number":
      return `number ${t.value}`;
    case "quoted":
      return `\`${t.value}\``;
    default:
      return `'${t.value}${t.tilde ? "~" : ""}'`;
  }
}
