/**
 * Documents as Elasticsearch's ECS mappings would take them (ECS 8.17, lib/ingest/mapping/ecs-fields.json).
 * Elasticsearch indexes a `keyword` field from one value or an array and turns numbers and booleans
 * into strings; numeric fields take numeric strings and truncate decimals (`coerce`); `boolean`
 * takes "true", "false" and ""; `ip` only addresses. It refuses, with `document_parsing_exception`,
 * an object where a value is mapped, a value where an object is mapped, and what a type cannot
 * parse. Vigil does the same to the event the rules read (copying what it changes: the document is
 * stored, and identified, as sent) —
 * and makes a single value an array where ECS expects arrays (`process.args`, `event.category`…).
 * Fields ECS does not define are left as they are (Elasticsearch maps them dynamically).
 */
import { isIP } from "node:net";
import table from "./ecs-fields.json";

type Kind = "keyword" | "long" | "float" | "boolean" | "date" | "ip" | "any";

interface FieldNode {
  /** null: an object (its fields are below). */
  kind: Kind | null;
  type: string;
  array: boolean;
  children: Map<string, FieldNode> | null;
}

const KINDS: Record<string, Kind> = {
  keyword: "keyword",
  constant_keyword: "keyword",
  wildcard: "keyword",
  match_only_text: "keyword",
  text: "keyword",
  long: "long",
  integer: "long",
  short: "long",
  byte: "long",
  unsigned_long: "long",
  float: "float",
  double: "float",
  half_float: "float",
  scaled_float: "float",
  boolean: "boolean",
  date: "date",
  ip: "ip",
};

function buildTree(fields: Record<string, string>): FieldNode {
  const root: FieldNode = { kind: null, type: "object", array: false, children: new Map() };
  for (const [path, spec] of Object.entries(fields)) {
    // Required and checked by the event schema (validate-event.ts), which names it its own way.
    if (path === "@timestamp") continue;
    const array = spec.endsWith("[]");
    const type = array ? spec.slice(0, -2) : spec;
    let node = root;
    const parts = path.split(".");
    let multiField = false;
    for (let i = 0; i < parts.length - 1; i++) {
      // A field below a value field is a multi-field (`….text`): indexed from the parent's value, never sent.
      if (node.kind !== null) {
        multiField = true;
        break;
      }
      let next = node.children!.get(parts[i]);
      if (!next) node.children!.set(parts[i], (next = { kind: null, type: "object", array: false, children: new Map() }));
      node = next;
    }
    if (multiField || node.kind !== null) continue;
    const leaf = node.children!.get(parts[parts.length - 1]);
    const kind = KINDS[type] ?? "any";
    if (leaf) {
      // Declared as an object type itself (object, nested, flattened…) with fields below: stays an object.
      if (kind !== "any") Object.assign(leaf, { kind, type, array, children: null });
    } else node.children!.set(parts[parts.length - 1], { kind, type, array, children: null });
  }
  return root;
}

const ROOT = buildTree((table as { fields: Record<string, string> }).fields);

class MappingError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function preview(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function refuse(path: string, node: FieldNode, v: unknown, why: string): never {
  throw new MappingError(`failed to parse field [${path}] of type [${node.type}]: ${why} (value '${preview(v)}')`);
}

/** One value of a leaf field, coerced as Elasticsearch's mapper coerces it. */
function coerceOne(v: unknown, node: FieldNode, path: string): unknown {
  if (v === null) return v;
  if (typeof v === "object") refuse(path, node, v, Array.isArray(v) ? "an array inside an array" : `an object where a ${node.type} is mapped`);
  switch (node.kind) {
    case "keyword":
      return typeof v === "string" ? v : String(v);
    case "long":
      if (typeof v === "number") return Number.isInteger(v) ? v : Math.trunc(v);
      if (typeof v === "string" && NUMERIC.test(v)) return Math.trunc(Number(v));
      return refuse(path, node, v, "not a number");
    case "float":
      if (typeof v === "number") return v;
      if (typeof v === "string" && NUMERIC.test(v)) return Number(v);
      return refuse(path, node, v, "not a number");
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === "true") return true;
      if (v === "false" || v === "") return false;
      return refuse(path, node, v, "only true, false, \"true\", \"false\" or \"\" are booleans");
    case "date":
      if (typeof v === "number" || (typeof v === "string" && !Number.isNaN(/^\d+$/.test(v) ? Number(v) : Date.parse(v)))) return v;
      return refuse(path, node, v, "not an ISO 8601 date or epoch milliseconds");
    case "ip":
      if (typeof v === "string" && isIP(v) !== 0) return v;
      return refuse(path, node, v, "not an IP address");
    default:
      return v;
  }
}

function conformValue(v: unknown, node: FieldNode, path: string): unknown {
  if (node.kind === "any") return v;
  if (node.kind === null) {
    // An object field: objects (or arrays of them, as Elasticsearch flattens them) below.
    if (v === null) return v;
    if (isObject(v)) return conformObject(v, node, path);
    if (Array.isArray(v)) {
      return copyOnChange(v, (x) => {
        if (isObject(x)) return conformObject(x, node, path);
        if (x !== null) throw new MappingError(`object mapping for [${path}] tried to parse field [${path}] as object, but found a concrete value`);
        return x;
      });
    }
    throw new MappingError(`object mapping for [${path}] tried to parse field [${path}] as object, but found a concrete value`);
  }
  if (Array.isArray(v)) return copyOnChange(v, (x) => coerceOne(x, node, path));
  const c = coerceOne(v, node, path);
  return node.array && c !== null ? [c] : c;
}

/** The array, or a copy with the elements `f` changed. */
function copyOnChange(v: unknown[], f: (x: unknown) => unknown): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const c = f(v[i]);
    if (c !== v[i]) (out ??= v.slice())[i] = c;
  }
  return out ?? v;
}

/** The object, or a shallow copy with the fields that needed coercing replaced: the document as received is never changed. */
function conformObject(obj: Record<string, unknown>, node: FieldNode, path: string): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key in obj) {
    let child = node.children?.get(key);
    if (!child && key.includes(".")) child = dotted(node, key);
    if (!child) continue; // not an ECS field: mapped dynamically
    const v = obj[key];
    const c = conformValue(v, child, path ? `${path}.${key}` : key);
    if (c !== v) (out ??= { ...obj })[key] = c;
  }
  return out ?? obj;
}

/** A key with dots in it (`"process.name": …`) names the field at that path, as in Elasticsearch. */
function dotted(node: FieldNode, key: string): FieldNode | undefined {
  let n: FieldNode | undefined = node;
  for (const part of key.split(".")) n = n?.children?.get(part);
  return n;
}

/**
 * The event as the ECS mapping indexes it (the same object when nothing needed coercing, else a
 * copy: the document as received stays as it was), or why Elasticsearch would refuse it, naming the field.
 */
export function conformToEcsMapping(doc: Record<string, unknown>): { ok: true; event: Record<string, unknown> } | { ok: false; reason: string } {
  try {
    return { ok: true, event: conformObject(doc, ROOT, "") };
  } catch (err) {
    if (err instanceof MappingError) return { ok: false, reason: err.message };
    throw err;
  }
}
