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
  /** Prints floating-point arguments as Java does: they arrive as JavaDouble. */
  javaDoubles?: boolean;
  /** Implementation on scalars; arguments are never arrays, null only where allowed. */
  apply?: (args: (Scalar | null)[], insensitive: boolean) => unknown;
}

/**
 * A floating-point argument of `string` and `concat` (a float literal, a double field), printed as
 * Java prints a double: `1.0`, `1.5`, `1.0E7`. Other functions receive plain numbers.
 */
export class JavaDouble {
  constructor(readonly value: number) {}
  get text(): string {
    const n = this.value;
    if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
    if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
    const a = Math.abs(n);
    if (a >= 1e-3 && a < 1e7) {
      const t = String(n);
      return t.includes(".") ? t : `${t}.0`;
    }
    const [mantissa, exponent] = n.toExponential().split("e");
    return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
}

/** A value as concat() and string() print it: doubles as Java does. */
const shown = (v: Scalar | null): string | null => ((v as unknown) instanceof JavaDouble ? (v as unknown as JavaDouble).text : str(v));

const str = (v: Scalar | null): string | null => (v === null ? null : typeof v === "string" ? v : scalarToString(v));
const lower = (s: string, insensitive: boolean) => (insensitive ? toLowerFast(s) : s);

function between(args: (Scalar | null)[], insensitive: boolean): unknown {
  const [s, l, r, greedy] = args.map(str);
  if (s === null || l === null || r === null) return null;
  // Elasticsearch returns the string itself when it or either bound is empty.
  if (s === "" || l === "" || r === "") return s;
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
  const s = String(v).trim();
  // Without a base, a "0x" prefix means hexadecimal (Elasticsearch's ToNumberFunctionProcessor).
  const base = args[1] === null || args[1] === undefined ? (s.startsWith("0x") ? 16 : 10) : Number(args[1]);
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
  if (args.some((c, i) => i > 0 && c === null)) return null;
  for (const c of args.slice(1)) {
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
    javaDoubles: true,
    minArgs: 1,
    maxArgs: 64,
    apply: (args) => (args.some((a) => a === null) ? null : args.map(shown).join("")),
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
  spec({ name: "string", minArgs: 1, maxArgs: 1, javaDoubles: true, apply: ([s]) => shown(s) }),
  spec({
    name: "stringContains",
    minArgs: 2,
    maxArgs: 2,
    insensitiveForm: true,
    predicate: true,
    // Elasticsearch: false when either string is empty.
    apply: ([s, x], i) => (s === null || x === null ? null : s === "" || x === "" ? false : lower(str(s)!, i).includes(lower(str(x)!, i))),
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
