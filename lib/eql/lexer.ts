import { EqlError, locate } from "./errors";

export type TokenType =
  | "ident" // names, keywords and categories; keywords are recognised by the parser
  | "quoted" // `backquoted` field name
  | "string"
  | "number"
  | "op" // operators and punctuation
  | "eof";

export interface Token {
  type: TokenType;
  /** Raw text for idents/ops, decoded text for strings, source text for numbers. */
  value: string;
  start: number;
  end: number;
  /** Numbers only: written with a fraction or exponent. */
  isFloat?: boolean;
  /** Idents only: directly followed by `~` (case-insensitive function or operator form). */
  tilde?: boolean;
}

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">", ":", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "|", "!", "=", "?", "~", "."];

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Splits an EQL query into tokens; comments and white space are dropped. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const fail = (message: string, offset: number): never => {
    throw new EqlError("syntax", message, source, locate(source, offset));
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) fail("unterminated comment", i);
      i = close + 2;
      continue;
    }
    const start = i;
    if (source.startsWith('"""', i)) {
      const close = source.indexOf('"""', i + 3);
      if (close < 0) fail("unterminated raw string", start);
      let end = close + 3;
      // A raw string may end with quotes: """a""""" is a"" — take the longest run.
      while (source.charCodeAt(end) === 34 && end < n) end++;
      tokens.push({ type: "string", value: source.slice(i + 3, end - 3), start, end });
      i = end;
      continue;
    }
    if (c === 34) {
      const { value, end } = readString(source, i, fail);
      tokens.push({ type: "string", value, start, end });
      i = end;
      continue;
    }
    if (c === 39) fail("single quotes are not supported for strings, use double quotes", i);
    if (c === 96) {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= n) fail("unterminated backquoted name", start);
        if (source.charCodeAt(j) === 96) {
          if (source.charCodeAt(j + 1) === 96) {
            value += "`";
            j += 2;
            continue;
          }
          break;
        }
        value += source[j];
        j++;
      }
      if (value.length === 0) fail("empty backquoted name", start);
      tokens.push({ type: "quoted", value, start, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (isDigit(c)) {
      let j = i;
      let isFloat = false;
      while (j < n && isDigit(source.charCodeAt(j))) j++;
      if (source.charCodeAt(j) === 46 && isDigit(source.charCodeAt(j + 1))) {
        isFloat = true;
        j++;
        while (j < n && isDigit(source.charCodeAt(j))) j++;
      }
      const e = source.charCodeAt(j);
      if (e === 101 || e === 69) {
        let k = j + 1;
        if (source.charCodeAt(k) === 43 || source.charCodeAt(k) === 45) k++;
        if (isDigit(source.charCodeAt(k))) {
          isFloat = true;
          j = k;
          while (j < n && isDigit(source.charCodeAt(j))) j++;
        }
      }
      tokens.push({ type: "number", value: source.slice(i, j), start, end: j, isFloat });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source.charCodeAt(j))) j++;
      const tok: Token = { type: "ident", value: source.slice(i, j), start, end: j };
      if (source.charCodeAt(j) === 126) {
        tok.tilde = true;
        tok.end = j + 1;
        j++;
      }
      tokens.push(tok);
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) fail(`unexpected character '${source[i]}'`, i);
    tokens.push({ type: "op", value: op as string, start, end: i + (op as string).length });
    i += (op as string).length;
  }
  tokens.push({ type: "eof", value: "", start: n, end: n });
  return tokens;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function readString(source: string, start: number, fail: (m: string, o: number) => never) {
  let j = start + 1;
  let value = "";
  for (;;) {
    if (j >= source.length) fail("unterminated string", start);
    const ch = source[j];
    if (ch === '"') return { value, end: j + 1 };
    if (ch === "\n" || ch === "\r") fail("line break in string, use \\n or a raw string", j);
    if (ch === "\\") {
      const next = source[j + 1];
      if (next === "u" && source[j + 2] === "{") {
        const close = source.indexOf("}", j + 3);
        const hex = close > 0 ? source.slice(j + 3, close) : "";
        if (!/^[0-9a-fA-F]{2,8}$/.test(hex)) fail("invalid unicode escape, expected \\u{hex}", j);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) fail("invalid unicode code point", j);
        value += String.fromCodePoint(code);
        j = close + 1;
        continue;
      }
      const decoded = next === undefined ? undefined : ESCAPES[next];
      if (decoded === undefined) fail(`invalid escape sequence '\\${next ?? ""}'`, j);
      value += decoded;
      j += 2;
      continue;
    }
    value += ch;
    j++;
  }
}
