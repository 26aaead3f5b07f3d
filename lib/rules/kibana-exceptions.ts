/**
 * Elastic's exception items (lists plugin) as Vigil exceptions: `match`, `match_any`, `exists` and
 * `wildcard` entries, `included` or `excluded`, and `nested` entries (their fields under the
 * parent's), with the item's `os_types` as a condition on `host.os.type`. Value-list entries
 * (`list`) have no counterpart here: such an item is skipped, saying so.
 */
import { ZExceptionEntry, type TExceptionEntry } from "../exceptions";

type Json = Record<string, unknown>;

export type Converted = { ok: true; entries: TExceptionEntry[] } | { ok: false; reason: string };

function entry(raw: Json, prefix: string): TExceptionEntry[] | string {
  const field = `${prefix}${String(raw.field ?? "")}`;
  const excluded = raw.operator === "excluded";
  switch (raw.type) {
    case "match":
      return [{ field, operator: excluded ? "is_not" : "is", values: [String(raw.value)], caseInsensitive: false }];
    case "match_any":
      return [{ field, operator: excluded ? "is_not_one_of" : "is_one_of", values: Array.isArray(raw.value) ? raw.value.map(String) : [String(raw.value)], caseInsensitive: false }];
    case "exists":
      return [{ field, operator: excluded ? "does_not_exist" : "exists", values: [], caseInsensitive: false }];
    case "wildcard":
      return [{ field, operator: excluded ? "does_not_match" : "matches", values: [String(raw.value)], caseInsensitive: false }];
    case "nested": {
      const out: TExceptionEntry[] = [];
      for (const inner of (raw.entries as Json[] | undefined) ?? []) {
        const e = entry(inner, `${field}.`);
        if (typeof e === "string") return e;
        out.push(...e);
      }
      return out;
    }
    case "list":
      return `entry on ${field} refers to a value list, which Vigil does not have`;
    default:
      return `entry type '${String(raw.type)}' is not one Elastic defines`;
  }
}

/** An exception item's entries (all must hold), or why it cannot be taken. */
export function fromKibanaExceptionItem(item: Json): Converted {
  const entries: TExceptionEntry[] = [];
  for (const raw of (item.entries as Json[] | undefined) ?? []) {
    const e = entry(raw, "");
    if (typeof e === "string") return { ok: false, reason: e };
    entries.push(...e);
  }
  const os = Array.isArray(item.os_types) ? item.os_types.map(String) : [];
  if (os.length) entries.push({ field: "host.os.type", operator: "is_one_of", values: os, caseInsensitive: false });
  if (entries.length === 0) return { ok: false, reason: "the item has no entries" };
  for (const e of entries) {
    const parsed = ZExceptionEntry.safeParse(e);
    if (!parsed.success) return { ok: false, reason: `entry on ${e.field}: ${parsed.error.issues.map((i) => i.message).join("; ")}` };
  }
  return { ok: true, entries };
}
