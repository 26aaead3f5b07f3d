/** Prints an AST back to EQL text: fully parenthesised, so parse(print(ast)) has the same shape. */
import type { EventFilter, Expr, Pipe, Query, SequenceTerm } from "./ast";

const IDENT = /^[A-Za-z_@][A-Za-z0-9_@]*$/;
const KEYWORDS = new Set(["and", "or", "not", "in", "like", "regex", "where", "by", "with", "until", "sequence", "sample", "true", "false", "null", "of", "join", "any", "maxspan", "runs"]);

/** Quotes a string literal with EQL escapes. */
export function printString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u{${c.toString(16).padStart(2, "0")}}`;
    else out += ch;
  }
  return out + '"';
}

function printName(seg: string): string {
  return IDENT.test(seg) && !KEYWORDS.has(seg) ? seg : `\`${seg.replace(/`/g, "``")}\``;
}

function printNumber(v: number, isFloat: boolean): string {
  const s = String(v);
  return isFloat && /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** Prints a condition expression. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "literal":
      if (e.type === "string") return printString(e.value);
      if (e.type === "number") return printNumber(e.value, e.isFloat);
      return String(e.value);
    case "field": {
      let s = e.optional ? "?" : "";
      e.path.forEach((p, i) => (s += typeof p === "number" ? `[${p}]` : (i > 0 ? "." : "") + printName(p)));
      return s;
    }
    case "paren":
      return printExpr(e.inner);
    case "not":
      return `(not ${printExpr(e.operand)})`;
    case "neg":
      return `(-${printExpr(e.operand)})`;
    case "logical":
    case "compare":
    case "arith":
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case "match": {
      const rhs = e.list ? `(${e.patterns.map(printExpr).join(", ")})` : printExpr(e.patterns[0]);
      return `(${printExpr(e.value)} ${e.negated ? "not " : ""}${e.op} ${rhs})`;
    }
    case "in":
      return `(${printExpr(e.value)} ${e.negated ? "not " : ""}${e.op} (${e.items.map(printExpr).join(", ")}))`;
    case "call":
      return `${e.name}${e.insensitive ? "~" : ""}(${e.args.map(printExpr).join(", ")})`;
  }
}

function printFilter(f: EventFilter): string {
  const cat = f.category === null ? "any" : IDENT.test(f.category) && !KEYWORDS.has(f.category) ? f.category : printString(f.category);
  return `${cat} where ${printExpr(f.condition)}`;
}

function printTerm(t: SequenceTerm): string {
  let s = `${t.missing ? "!" : ""}[${printFilter(t.filter)}]`;
  if (t.keys.length) s += ` by ${t.keys.map(printExpr).join(", ")}`;
  if (t.runs !== 1) s += ` with runs=${t.runs}`;
  return s;
}

const printPipes = (pipes: Pipe[]) => pipes.map((p) => ` | ${p.kind} ${p.count}`).join("");

/** Prints a whole query. */
export function printQuery(q: Query): string {
  if (q.kind === "event") return printFilter(q.filter) + printPipes(q.pipes);
  const by = q.keys.length ? ` by ${q.keys.map(printExpr).join(", ")}` : "";
  if (q.kind === "sample") return `sample${by} ${q.terms.map(printTerm).join(" ")}${printPipes(q.pipes)}`;
  const span = q.maxspanText ? ` with maxspan=${q.maxspanText}` : "";
  const until = q.until ? ` until ${printTerm(q.until)}` : "";
  return `sequence${by}${span} ${q.terms.map(printTerm).join(" ")}${until}${printPipes(q.pipes)}`;
}
