/** Field access over JSON events, with Elasticsearch's view of dotted keys, arrays and mappings. */

export type EqlEvent = Record<string, unknown>;

/** The Elasticsearch field types the engine gives meaning to; anything else behaves as keyword/number. */
export interface FieldType {
  type: string;
  /** Target of an alias field. */
  path?: string;
  /** Date format; a custom one makes date join keys render as epoch milliseconds. */
  format?: string;
  /** Value used when the document holds an explicit null. */
  nullValue?: unknown;
  /** A keyword field's normalizer: its indexed values are not the document's. */
  normalizer?: string;
  /** The nearest `nested` field above this one. */
  nestedIn?: string;
}

/** A mapping flattened to dotted field names. */
export type FieldTypes = Map<string, FieldType>;

/** Flattens an Elasticsearch mapping (`{properties: …}` or `{mappings: {properties: …}}`). */
export function flattenMapping(mapping: unknown): FieldTypes {
  const out: FieldTypes = new Map();
  const root = mapping as { mappings?: { properties?: unknown }; properties?: unknown } | null;
  const props = root?.mappings?.properties ?? root?.properties;
  const walk = (node: unknown, prefix: string, nestedIn: string | undefined) => {
    if (!node || typeof node !== "object") return;
    for (const [name, def] of Object.entries(node as Record<string, Record<string, unknown>>)) {
      const full = prefix ? `${prefix}.${name}` : name;
      if (def && typeof def === "object") {
        if (typeof def.type === "string") {
          out.set(full, {
            type: def.type,
            path: typeof def.path === "string" ? def.path : undefined,
            format: typeof def.format === "string" ? def.format : undefined,
            nullValue: def.null_value,
            normalizer: typeof def.normalizer === "string" ? def.normalizer : undefined,
            nestedIn,
          });
        }
        const below = def.type === "nested" ? (nestedIn ?? full) : nestedIn;
        // Multi-fields (`hostname.keyword` under a text `hostname`) are fields of their own.
        if (def.fields && typeof def.fields === "object") walk(def.fields, full, below);
        if (def.properties) walk(def.properties, full, below);
      }
    }
  };
  walk(props, "", undefined);
  return out;
}

/** Resolves aliases (following chains, at most 10 deep) to the concrete field name. */
export function resolveAlias(name: string, types: FieldTypes | undefined): string {
  let current = name;
  for (let i = 0; i < 10 && types; i++) {
    const t = types.get(current);
    if (!t || t.type !== "alias" || !t.path) break;
    current = t.path;
  }
  return current;
}

/** Splits a dotted field name into path segments. */
export function splitPath(name: string): string[] {
  return name.split(".");
}

/** Renders a path like ["process", "args", 0] as process.args[0]. */
export function pathToString(path: readonly (string | number)[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

/**
 * Slow, general resolution: at each object level, tries every dotted join of the remaining
 * segments as a key (`{"process.name": x}` ≡ `{"process": {"name": x}}`), and maps over arrays
 * of objects as Elasticsearch flattens them.
 */
export function resolvePath(obj: unknown, segs: readonly (string | number)[], i: number): unknown {
  if (i === segs.length) return obj;
  if (obj === null || obj === undefined) return undefined;
  const seg = segs[i];
  if (typeof seg === "number") {
    const arr = Array.isArray(obj) ? obj : [obj];
    return resolvePath(arr[seg], segs, i + 1);
  }
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const el of obj) {
      const v = resolvePath(el, segs, i);
      if (v === undefined) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out.length > 0 ? out : undefined;
  }
  if (typeof obj !== "object") return undefined;
  const rec = obj as Record<string, unknown>;
  let key = seg;
  for (let j = i; j < segs.length; j++) {
    if (j > i) {
      const s = segs[j];
      if (typeof s === "number") break;
      key += `.${s}`;
    }
    if (Object.prototype.hasOwnProperty.call(rec, key)) {
      const v = resolvePath(rec[key], segs, j + 1);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** Every way of grouping path segments into keys: [a,b,c] → a/b/c, a/b.c, a.b/c, a.b.c (nested first). */
function groupings(keys: string[]): string[][] {
  if (keys.length === 1) return [keys];
  const out: string[][] = [];
  for (const rest of groupings(keys.slice(1))) {
    out.push([keys[0], ...rest]);
    out.push([`${keys[0]}.${rest[0]}`, ...rest.slice(1)]);
  }
  return out;
}

const MAX_INLINE_SEGMENTS = 6;

/**
 * Returns a fast accessor for a path. Each accessor is generated code with the names inlined
 * (`e["process"]["name"]`), so every field gets its own inline caches instead of sharing one
 * megamorphic keyed load, and a missing field costs a few failed constant-key lookups (every
 * nested/dotted spelling precomputed) instead of a general walk. Arrays of objects on the way
 * take the general walk. Names are embedded with JSON.stringify, so no field name can inject code.
 * One accessor per path for the whole process: a thousand rules reading `process.name` share one
 * function (a generated function costs kilobytes of heap; per rule and field they came to ~70 MB).
 */
export function compileAccessor(segs: readonly (string | number)[]): (e: EqlEvent) => unknown {
  const key = JSON.stringify(segs);
  let access = accessors.get(key);
  if (!access) {
    if (accessors.size >= MAX_SHARED_ACCESSORS) accessors.clear();
    accessors.set(key, (access = generateAccessor(segs)));
  }
  return access;
}

/** Accessors by path; bounded, so queries naming endless distinct fields cannot grow it without limit. */
const accessors = new Map<string, (e: EqlEvent) => unknown>();
const MAX_SHARED_ACCESSORS = 20_000;

function generateAccessor(segs: readonly (string | number)[]): (e: EqlEvent) => unknown {
  const names = segs as (string | number)[];
  if (
    names.length > MAX_INLINE_SEGMENTS ||
    names.some((s) => typeof s === "number") ||
    names.some((s) => s === "__proto__" || s === "constructor" || s === "prototype")
  ) {
    return (e) => resolvePath(e, names, 0);
  }
  const keys = names as string[];
  const slow = (e: EqlEvent) => resolvePath(e, keys, 0);
  let body = "let v;\n";
  for (const group of groupings(keys)) {
    body += "v = e;\n";
    group.forEach((k, i) => {
      if (i > 0) body += `if (v === null || typeof v !== "object") v = undefined; else if (Array.isArray(v)) return slow(e); else `;
      body += `v = v[${JSON.stringify(k)}];\n`;
      if (i < group.length - 1) body += "if (v !== undefined) {\n";
    });
    body += 'if (v !== undefined && typeof v !== "function") return v;\n';
    body += "}\n".repeat(group.length - 1);
  }
  body += "return undefined;";
  return new Function("slow", `return function access(e) {\n${body}\n};`)(slow) as (e: EqlEvent) => unknown;
}

/** The value of a dotted field name in an event, nested or as a dotted key (through the shared accessor). */
export function fieldValue(doc: unknown, field: string): unknown {
  return compileAccessor(field.split("."))(doc as EqlEvent);
}
