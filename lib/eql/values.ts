/** Scalar semantics shared by the compiler and the naive evaluator: equality, order, truth, types. */
import { toLowerFast } from "./wildcard";

export type Scalar = string | number | boolean;

/** Flattens a raw field value into its non-null scalar elements (nested arrays included). */
export function elements(v: unknown): Scalar[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) return typeof v === "object" ? [] : [v as Scalar];
  const out: Scalar[] = [];
  const walk = (a: unknown[]) => {
    for (const x of a) {
      if (x === null || x === undefined) continue;
      if (Array.isArray(x)) walk(x);
      else if (typeof x !== "object") out.push(x as Scalar);
    }
  };
  walk(v);
  return out;
}

/** The first scalar of a value, as Elasticsearch scripts see a multi-valued field; null when none. */
export function first(v: unknown): Scalar | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) return typeof v === "object" ? null : (v as Scalar);
  const els = elements(v);
  return els.length > 0 ? els[0] : null;
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)\s*$/;

/** Equality of two scalars; strings compare exactly unless `insensitive`. Numbers and numeric strings meet. */
export function scalarEquals(a: Scalar, b: Scalar, insensitive: boolean): boolean {
  if (typeof a === "string" && typeof b === "string") return insensitive ? toLowerFast(a) === toLowerFast(b) : a === b;
  if (typeof a === typeof b) return a === b;
  if (typeof a === "number" && typeof b === "string") return NUMERIC.test(b) && Number(b) === a;
  if (typeof a === "string" && typeof b === "number") return NUMERIC.test(a) && Number(a) === b;
  return false;
}

/** Order of two scalars (-1, 0, 1), or null when they are not comparable. */
export function scalarCompare(a: Scalar, b: Scalar): number | null {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "string") return NUMERIC.test(b) ? scalarCompare(a, Number(b)) : null;
  if (typeof a === "string" && typeof b === "number") return NUMERIC.test(a) ? scalarCompare(Number(a), b) : null;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  return null;
}

/** Applies a comparison operator to an order result. */
export function holds(op: string, order: number): boolean {
  switch (op) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "==":
      return order === 0;
    default:
      return order !== 0;
  }
}

/** Three-valued truth: true, false, or null for anything else. */
export function truth(v: unknown): boolean | null {
  return v === true ? true : v === false ? false : null;
}

/** Text of a scalar as EQL's string() gives it. */
export function scalarToString(v: Scalar): string {
  if (typeof v === "number") return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(v);
  return String(v);
}

/** Elasticsearch's `version` type: semver-like order; invalid versions sort after valid ones. */
export function versionCompare(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) {
    if (pa && !pb) return -1;
    if (!pa && pb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const n = Math.max(pa.main.length, pb.main.length);
  for (let i = 0; i < n; i++) {
    const x = pa.main[i] ?? 0;
    const y = pb.main[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === null) return 1;
  if (pb.pre === null) return -1;
  return pa.pre < pb.pre ? -1 : 1;
}

function parseVersion(v: string): { main: number[]; pre: string | null } | null {
  const m = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return null;
  return { main: m[1].split(".").map(Number), pre: m[2] ?? null };
}

/** Parses a date value the way Elasticsearch's default date format does: epoch millis or ISO 8601. */
export function parseDate(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Parses dates written with a Java-style pattern such as dd-MM-yyyy (custom mapping formats). */
export function parseDateWithFormat(v: unknown, format: string | undefined): number | null {
  if (!format || typeof v !== "string") return parseDate(v);
  for (const f of format.split("||")) {
    if (f === "epoch_millis" && /^-?\d+$/.test(v)) return Number(v);
    const order: string[] = [];
    const src = f.replace(/yyyy|MM|dd|HH|mm|ss|SSS|[.*+?^${}()|[\]\\]/g, (tok) => {
      if (/^[A-Za-z]+$/.test(tok)) {
        order.push(tok);
        return `(\\d{${tok.length}})`;
      }
      return `\\${tok}`;
    });
    const m = new RegExp(`^${src}$`).exec(v);
    if (!m) continue;
    const parts: Record<string, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0, SSS: 0 };
    order.forEach((k, i) => (parts[k] = Number(m[i + 1])));
    return Date.UTC(parts.yyyy, parts.MM - 1, parts.dd, parts.HH, parts.mm, parts.ss, parts.SSS);
  }
  return parseDate(v);
}
