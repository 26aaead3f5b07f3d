/**
 * EQL wildcard patterns: `*` any run, `?` one character, anchored at both ends, no escape
 * character. Compiled once into the cheapest test that decides them.
 */
export type StringTest = (s: string) => boolean;

/**
 * `s.toLowerCase()` without allocating when nothing changes: V8 returns a new string even for an
 * all-lower-case one, and case-insensitive tests run on every candidate rule of every event.
 */
export function toLowerFast(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** Compiles a wildcard pattern into a test. With `insensitive`, the value is lower-cased by the caller's test. */
export function compileWildcard(pattern: string, insensitive: boolean): StringTest {
  const p = insensitive ? pattern.toLowerCase() : pattern;
  const norm = insensitive ? toLowerFast : (s: string) => s;
  if (!p.includes("*") && !p.includes("?")) {
    return insensitive ? (s) => norm(s) === p : (s) => s === p;
  }
  if (!p.includes("?")) {
    const parts = p.split("*");
    if (parts.every((x) => x === "")) return () => true;
    if (parts.length === 2) {
      const [head, tail] = parts;
      if (tail === "") return (s) => norm(s).startsWith(head);
      if (head === "") return (s) => norm(s).endsWith(tail);
      return (s) => {
        const v = norm(s);
        return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
      };
    }
    if (parts.length === 3 && parts[0] === "" && parts[2] === "") {
      const mid = parts[1];
      return (s) => norm(s).includes(mid);
    }
    return segmentTest(parts, norm);
  }
  const test = questionMarkTest(p);
  return insensitive ? (s) => test(toLowerFast(s)) : test;
}

/**
 * Compiles a list of patterns into one test: literal patterns become a set lookup, the rest
 * wildcard tests, and the value is lower-cased once (not once per pattern) when insensitive.
 */
export function compileWildcardSet(patterns: readonly string[], insensitive: boolean): StringTest {
  const exact = new Set<string>();
  const tests: StringTest[] = [];
  for (const raw of patterns) {
    const p = insensitive ? raw.toLowerCase() : raw;
    if (p.includes("*") || p.includes("?")) tests.push(compileWildcard(p, false));
    else exact.add(p);
  }
  const only = exact.size === 1 && tests.length === 0 ? [...exact][0] : null;
  if (insensitive) {
    if (only !== null) return (s) => toLowerFast(s) === only;
    return (s) => {
      const v = toLowerFast(s);
      if (exact.has(v)) return true;
      for (let i = 0; i < tests.length; i++) if (tests[i](v)) return true;
      return false;
    };
  }
  if (only !== null) return (s) => s === only;
  return (s) => {
    if (exact.has(s)) return true;
    for (let i = 0; i < tests.length; i++) if (tests[i](s)) return true;
    return false;
  };
}

/**
 * The same test as `compileWildcardSet(patterns, insensitive)`, written as a JavaScript expression
 * over the string in the local `x` (lower-cased into the local `y` when insensitive), for generated
 * predicates: prefixes, suffixes and infixes become `startsWith`/`endsWith`/`includes` on string
 * literals (JSON.stringify, so no pattern can inject code); other patterns call their compiled test.
 */
export function wildcardSetCode(patterns: readonly string[], insensitive: boolean, bind: (value: unknown) => string): string {
  const v = insensitive ? "y" : "x";
  const exact: string[] = [];
  const tests: string[] = [];
  for (const raw of patterns) {
    const p = insensitive ? raw.toLowerCase() : raw;
    if (p.includes("*") || p.includes("?")) tests.push(patternCode(p, v, bind));
    else exact.push(p);
  }
  const lit = JSON.stringify;
  const parts = exact.length > 4 ? [`${bind(new Set(exact))}.has(${v})`] : exact.map((p) => `${v} === ${lit(p)}`);
  parts.push(...tests);
  const body = parts.length > 0 ? parts.join(" || ") : "false";
  return insensitive ? `((y = ${bind(toLowerFast)}(x)), ${body})` : `(${body})`;
}

function patternCode(p: string, v: string, bind: (value: unknown) => string): string {
  const lit = JSON.stringify;
  if (!p.includes("?")) {
    const parts = p.split("*");
    if (parts.every((x) => x === "")) return "true";
    if (parts.length === 2) {
      const [head, tail] = parts;
      if (tail === "") return `${v}.startsWith(${lit(head)})`;
      if (head === "") return `${v}.endsWith(${lit(tail)})`;
      return `(${v}.length >= ${head.length + tail.length} && ${v}.startsWith(${lit(head)}) && ${v}.endsWith(${lit(tail)}))`;
    }
    if (parts.length === 3 && parts[0] === "" && parts[2] === "") return `${v}.includes(${lit(parts[1])})`;
  }
  return `${bind(compileWildcard(p, false))}(${v})`;
}

/** Greedy left-to-right segment search: correct for `*`-only patterns, and linear. */
function segmentTest(parts: string[], norm: (s: string) => string): StringTest {
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((x) => x !== "");
  const minLength = parts.reduce((n, x) => n + x.length, 0);
  return (s) => {
    const v = norm(s);
    if (v.length < minLength || !v.startsWith(head) || !v.endsWith(tail)) return false;
    let at = head.length;
    const limit = v.length - tail.length;
    for (const m of middle) {
      const found = v.indexOf(m, at);
      if (found < 0 || found + m.length > limit) return false;
      at = found + m.length;
    }
    return true;
  };
}

const ANY = -1;
type Segment = readonly number[];

/** Does `seg` (code points, ANY for `?`) match `v` at `at`? */
function segmentAt(v: readonly number[], at: number, seg: Segment): boolean {
  for (let k = 0; k < seg.length; k++) if (seg[k] !== ANY && seg[k] !== v[at + k]) return false;
  return true;
}

/**
 * Patterns with `?`: the pattern split at its `*`s into segments of code points, matched greedily
 * left to right — the head at the start, the tail at the end, each middle segment at its leftmost
 * fit after the one before. Leftmost is always safe because a `*` before the next segment absorbs
 * whatever lies between, so no choice is ever undone: the time is at most the value's length times
 * the pattern's, whatever the pattern (a backtracking regex takes exponential time on
 * `*a*a*a*a*a*a*a*a*a*a?b`).
 */
function questionMarkTest(pattern: string): StringTest {
  const segments = pattern.split("*").map((part) => Array.from(part, (ch) => (ch === "?" ? ANY : ch.codePointAt(0)!)));
  if (segments.length === 1) {
    const only = segments[0];
    return (s) => {
      const v = Array.from(s, (ch) => ch.codePointAt(0)!);
      return v.length === only.length && segmentAt(v, 0, only);
    };
  }
  const head = segments[0];
  const tail = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((x) => x.length > 0);
  const minLength = segments.reduce((n, x) => n + x.length, 0);
  return (s) => {
    if (s.length < minLength) return false;
    const v = Array.from(s, (ch) => ch.codePointAt(0)!);
    if (v.length < minLength || !segmentAt(v, 0, head) || !segmentAt(v, v.length - tail.length, tail)) return false;
    let at = head.length;
    const limit = v.length - tail.length;
    for (const m of middle) {
      let found = -1;
      for (let i = at; i + m.length <= limit; i++) {
        if (segmentAt(v, i, m)) {
          found = i;
          break;
        }
      }
      if (found < 0) return false;
      at = found + m.length;
    }
    return true;
  };
}

/**
 * Translates a wildcard pattern to an anchored regular expression (one `?` = one code point). For
 * the reference evaluator (lib/eql/naive.ts) only: V8's regexes backtrack, so no production path
 * may run a user's pattern through one.
 */
export function wildcardToRegExp(pattern: string, insensitive: boolean): RegExp {
  let src = "";
  for (const ch of pattern) {
    if (ch === "*") src += "[\\s\\S]*";
    else if (ch === "?") src += "[\\s\\S]";
    else src += ch.replace(REGEX_SPECIAL, "\\$&");
  }
  return new RegExp(`^${src}$`, insensitive ? "iu" : "u");
}

/** Reference implementation used by property tests: plain recursive matching. */
export function wildcardReference(pattern: string, value: string, insensitive: boolean): boolean {
  const p = Array.from(insensitive ? pattern.toLowerCase() : pattern);
  const v = Array.from(insensitive ? value.toLowerCase() : value);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (v.length + 1) + j;
    const cached = memo.get(k);
    if (cached !== undefined) return cached;
    let r: boolean;
    if (i === p.length) r = j === v.length;
    else if (p[i] === "*") r = go(i + 1, j) || (j < v.length && go(i, j + 1));
    else r = j < v.length && (p[i] === "?" || p[i] === v[j]) && go(i + 1, j + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}
