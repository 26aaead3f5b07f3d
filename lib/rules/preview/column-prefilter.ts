/**
 * SQL conditions on the event table's indexed columns that every event a query can match meets:
 * its categories, and equality or `in` on host, user and process name in the top-level `and` of
 * an event query. A scan over stored events reads only those rows; the engine still decides.
 */
import type { Expr, Query } from "../../eql/ast";

const COLUMNS: Record<string, string> = { "process.name": "processName", "host.name": "hostName", "user.name": "userName" };

export interface Prefilter {
  /** SQL over "event" with $n placeholders starting at `firstParam`. */
  sql: string[];
  params: unknown[];
}

function conjuncts(e: Expr): Expr[] {
  if (e.kind === "paren") return conjuncts(e.inner);
  if (e.kind === "logical" && e.op === "and") return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

const fieldOf = (e: Expr) => (e.kind === "field" && e.path.every((p) => typeof p === "string") ? COLUMNS[e.path.join(".")] : undefined);
const stringOf = (e: Expr) => (e.kind === "literal" && e.type === "string" ? e.value : undefined);

/** Values a column must take for `e` to hold, or null when `e` says nothing about one column. */
function columnValues(e: Expr): { column: string; values: string[] } | null {
  if (e.kind === "compare" && e.op === "==") {
    const column = fieldOf(e.left);
    const value = stringOf(e.right);
    if (column && value !== undefined) return { column, values: [value] };
  }
  if (e.kind === "in" && e.op === "in" && !e.negated) {
    const column = fieldOf(e.value);
    const values = e.items.map(stringOf);
    if (column && values.every((v): v is string => v !== undefined)) return { column, values };
  }
  return null;
}

export function prefilterOf(query: Query, categoryOverride: string | null, firstParam: number): Prefilter {
  const out: Prefilter = { sql: [], params: [] };
  const param = (v: unknown) => `$${firstParam + out.params.push(v) - 1}`;
  if (categoryOverride) return out;
  if (query.kind === "event") {
    if (query.filter.category) out.sql.push(`"category" @> ARRAY[${param(query.filter.category)}]::text[]`);
    for (const c of conjuncts(query.filter.condition)) {
      const cv = columnValues(c);
      if (cv) out.sql.push(`"${cv.column}" = ANY(${param(cv.values)}::text[])`);
    }
  } else {
    const terms = query.kind === "sequence" ? [...query.terms, ...(query.until ? [query.until] : [])] : query.terms;
    const cats = terms.map((t) => t.filter.category);
    if (cats.every((c): c is string => c !== null)) out.sql.push(`"category" && ${param([...new Set(cats)])}::text[]`);
  }
  return out;
}
