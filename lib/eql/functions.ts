/** EQL's built-in functions (Elasticsearch dialect). Names are matched case-insensitively. */
import { parseCidr, parseIp, ipInCidr } from "./ip";
import { scalarToString, type Scalar } from "./values";
import { toLowerFast } from "./wildcard";

export interface FunctionSpec {
  /** Canonical spelling, for printing. */
  name: string;
  minArgs: number;
  maxArgs: number;
  /** Has a case-insensitive `~` form. */
  insensitiveForm: boolean;
  /** Boolean predicates test every element of a multi-valued first argument (any may match). */
  predicate: boolean;
  /** Arithmetic functions are compiled as operators, with integer/float typing. */
  arithmetic?: "+" | "-" | "*" | "/" | "%";
  /** Implementation on scalars; arguments are never arrays, null only where allowed. */
  apply?: (args: (Scalar | null)[], insensitive: boolean) => unknown;
}

const str = (v: Scalar | null): string | null => (v === null ? null : typeof v === "string" ? v : scalarToString(v));
const lower = (s: string, insensitive: boolean) => (insensitive ? toLowerFast(s) : s);

function between(args: (Scalar | null)[], insensitive: boolean): unknown {
  const [s, l, r, greedy] = args.map(str);
  if (s === null || l === null || r === null) return null;
  const src = lower(s, insensitive);
  const left = lower(l, insensitive);
  const right = lower(r, insensitive);
  const start = src.indexOf(left);
  if (start < 0) return "";
  const from = start + left.length;
  const end = greedy === "true" ? src.lastIndexOf(right) : src.indexOf(right, from);
  if (end < from) return "";
  return s.slice(from, end);
}

function substring(args: (Scalar | null)[]): unknown {
  const s = str(args[0]);
  if (s === null) return null;
  const len = s.length;
  const norm = (i: Scalar | null, dflt: number) => {
    if (i === null || i === undefined) return dflt;
    const n = Math.trunc(Number(i));
    return n < 0 ? Math.max(0, len + n) : Math.min(n, len);
  };
  const start = norm(args[1], 0);
  const end = norm(args[2] ?? null, len);
  return start >= end ? "" : s.slice(start, end);
}

function toNumber(args: (Scalar | null)[]): unknown {
  const v = args[0];
  if (v === null) return null;
  if (typeof v === "number") return v;
  const base = args[1] === null || args[1] === undefined ? 10 : Number(args[1]);
  const s = String(v).trim();
  if (base === 10) {
    if (!/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)$/.test(s)) return null;
    return Number(s);
  }
  if (!Number.isInteger(base) || base < 2 || base > 36) return null;
  let digits = s;
  let sign = 1;
  if (digits.startsWith("-")) {
    sign = -1;
    digits = digits.slice(1);
  }
  if (base === 16 && /^0x/i.test(digits)) digits = digits.slice(2);
  const valid = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  if (digits === "" || [...digits.toLowerCase()].some((c) => !valid.includes(c))) return null;
  return sign * parseInt(digits, base);
}

function indexOf(args: (Scalar | null)[], insensitive: boolean): unknown {
  const s = str(args[0]);
  const sub = str(args[1]);
  if (s === null || sub === null) return null;
  const start = args[2] === null || args[2] === undefined ? 0 : Math.max(0, Math.trunc(Number(args[2])));
  const i = lower(s, insensitive).indexOf(lower(sub, insensitive), start);
  return i < 0 ? null : i;
}

function cidrMatch(args: (Scalar | null)[]): unknown {
  const ip = args[0] === null ? null : parseIp(String(args[0]));
  if (ip === null) return args[0] === null ? null : false;
  for (const c of args.slice(1)) {
    if (c === null) continue;
    const cidr = parseCidr(String(c));
    if (cidr && ipInCidr(ip, cidr)) return true;
  }
  return false;
}

const spec = (s: Omit<FunctionSpec, "insensitiveForm" | "predicate"> & Partial<FunctionSpec>): FunctionSpec => ({
  insensitiveForm: false,
  predicate: false,
  ...s,
});

const FUNCTIONS: FunctionSpec[] = [
  spec({ name: "add", minArgs: 2, maxArgs: 2, arithmetic: "+" }),
  spec({ name: "subtract", minArgs: 2, maxArgs: 2, arithmetic: "-" }),
  spec({ name: "multiply", minArgs: 2, maxArgs: 2, arithmetic: "*" }),
  spec({ name: "divide", minArgs: 2, maxArgs: 2, arithmetic: "/" }),
  spec({ name: "modulo", minArgs: 2, maxArgs: 2, arithmetic: "%" }),
  spec({ name: "between", minArgs: 3, maxArgs: 4, insensitiveForm: true, apply: between }),
  spec({ name: "cidrMatch", minArgs: 2, maxArgs: 64, predicate: true, apply: cidrMatch }),
  spec({
    name: "concat",
    minArgs: 1,
    maxArgs: 64,
    apply: (args) => (args.some((a) => a === null) ? null : args.map((a) => str(a)).join("")),
  }),
  spec({
    name: "endsWith",
    minArgs: 2,
    maxArgs: 2,
    insensitiveForm: true,
    predicate: true,
    apply: ([s, x], i) => (s === null || x === null ? null : lower(str(s)!, i).endsWith(lower(str(x)!, i))),
  }),
  spec({ name: "indexOf", minArgs: 2, maxArgs: 3, insensitiveForm: true, apply: indexOf }),
  spec({ name: "length", minArgs: 1, maxArgs: 1, apply: ([s]) => (s === null ? null : str(s)!.length) }),
  spec({ name: "number", minArgs: 1, maxArgs: 2, apply: toNumber }),
  spec({
    name: "startsWith",
    minArgs: 2,
    maxArgs: 2,
    insensitiveForm: true,
    predicate: true,
    apply: ([s, x], i) => (s === null || x === null ? null : lower(str(s)!, i).startsWith(lower(str(x)!, i))),
  }),
  spec({ name: "string", minArgs: 1, maxArgs: 1, apply: ([s]) => str(s) }),
  spec({
    name: "stringContains",
    minArgs: 2,
    maxArgs: 2,
    insensitiveForm: true,
    predicate: true,
    apply: ([s, x], i) => (s === null || x === null ? null : lower(str(s)!, i).includes(lower(str(x)!, i))),
  }),
  spec({ name: "substring", minArgs: 2, maxArgs: 3, apply: substring }),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Looks a function up by name, case-insensitively. */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** All function names, for error messages and fuzzing. */
export const FUNCTION_NAMES = FUNCTIONS.map((f) => f.name);
