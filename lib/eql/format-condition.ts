import type { MatchedCondition } from "./compile-expr";

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? `(${v.map(show).join(", ")})` : String(v));

/** One line per condition, e.g. `process.args[3] "--as=system:admin" like~ "--as*"`. */
export function formatCondition(c: MatchedCondition): string {
  if (c.field === null || c.op === "not") return c.text.replace(/\s+/g, " ");
  const pattern = c.pattern === null || c.pattern === undefined ? "" : ` ${show(c.pattern)}`;
  return `${c.field} ${show(c.value)} ${c.op}${pattern}`;
}
