/**
 * Elasticsearch's `filter_path` response filter, as Beats use it on bulk answers
 * (`filter_path=errors,items.*.error,items.*.status`): comma-separated dotted paths whose segments
 * may hold `*` wildcards, `**` for any number of levels, and a leading `-` to exclude. Arrays are
 * transparent (a path goes through them to their elements); objects and arrays left empty are dropped.
 * Matching is a linear scan per segment, never a regular expression built from the request.
 */

export interface FilterPath {
  include: string[][];
  exclude: string[][];
}

/** The parsed filter, or null when the request asks for none. */
export function parseFilterPath(raw: string | null): FilterPath | null {
  if (raw === null || raw.trim() === "") return null;
  const include: string[][] = [];
  const exclude: string[][] = [];
  for (const part of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    if (part.startsWith("-")) exclude.push(part.slice(1).split("."));
    else include.push(part.split("."));
  }
  return { include, exclude };
}

/** `*` in a segment matches any run of characters. */
export function segmentMatches(pattern: string, key: string): boolean {
  if (!pattern.includes("*")) return pattern === key;
  const parts = pattern.split("*");
  if (!key.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = key.indexOf(parts[i], at);
    if (found === -1) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return key.length - at >= last.length && key.endsWith(last);
}

/** The paths that continue below `key`; `[]` among them means `key` is matched whole. */
export function descend(paths: string[][], key: string): string[][] {
  const next: string[][] = [];
  for (const p of paths) {
    if (p.length === 0) continue;
    if (p[0] === "**") {
      next.push(p); // ** goes on below this key
      next.push(...descend([p.slice(1)], key)); // or ends here
    } else if (segmentMatches(p[0], key)) next.push(p.slice(1));
  }
  return next;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function include(value: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0 || (p.length === 1 && p[0] === "**"))) return value;
  if (Array.isArray(value)) {
    const kept = value.map((v) => include(v, paths)).filter((v) => v !== undefined);
    return kept.length ? kept : undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const below = descend(paths, k);
    if (below.length === 0) continue;
    const kept = include(v, below);
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

function exclude(value: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0)) return undefined;
  if (Array.isArray(value)) return value.map((v) => exclude(v, paths)).filter((v) => v !== undefined);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const below = descend(paths, k);
    const kept = below.length ? exclude(v, below) : v;
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

/** The value as the filter leaves it; undefined when nothing is left. */
export function applyFilterPath(value: unknown, filter: FilterPath): unknown {
  const kept = filter.include.length ? include(value, filter.include) : value;
  return kept === undefined || filter.exclude.length === 0 ? kept : exclude(kept, filter.exclude);
}
