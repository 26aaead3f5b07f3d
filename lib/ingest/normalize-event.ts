import { createHash } from "node:crypto";
import { compileAccessor, splitPath } from "../eql/fields";

const PATHS = {
  id: "event.id",
  args: "process.args",
  hostName: "host.name",
  hostId: "host.id",
  userName: "user.name",
  category: "event.category",
  action: "event.action",
  pid: "process.pid",
  parentPid: "process.parent.pid",
  ppid: "process.ppid",
  entityId: "process.entity_id",
  parentEntityId: "process.parent.entity_id",
  name: "process.name",
  commandLine: "process.command_line",
  executable: "process.executable",
};
/**
 * The fields columns are read from (dotted keys and nested objects alike), each through the
 * engine's generated accessor for its path, called at a site of its own.
 */
const get = Object.fromEntries(Object.entries(PATHS).map(([k, path]) => [k, compileAccessor(splitPath(path))])) as Record<keyof typeof PATHS, (e: Record<string, unknown>) => unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? (v[0] as string) : null);
const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);
const strs = (v: unknown) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A string as JSON.stringify writes it; most need no escape, and are quoted without a call into it. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (s: string) => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * Canonical JSON (keys sorted by code unit, at every level) so the same event always hashes the
 * same, whatever order its keys came in. Stored ids depend on it: the text must stay what
 * `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
 * gave (the test holds it to that), built here without the intermediate arrays (17 → 10 µs for
 * a 1 kB event).
 */
export function canonical(v: unknown): string | undefined {
  if (typeof v === "string") return quote(v);
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) {
    let s = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ",";
      const x = canonical(v[i]);
      if (x !== undefined) s += x;
    }
    return s + "]";
  }
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  let s = "{";
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) s += ",";
    s += quote(keys[i]) + ":" + canonical((v as Record<string, unknown>)[keys[i]]);
  }
  return s + "}";
}

const STORED_ID = Symbol("vigil.storedId");

/** Marks the object detection runs on with the id it is stored under (not serialized). */
export function markStoredId<T extends object>(e: T, id: string): T {
  Object.defineProperty(e, STORED_ID, { value: id, enumerable: false, configurable: true });
  return e;
}

/** The id an event is stored under: as marked at ingest, else computed. */
export function storedIdOf(e: Record<string, unknown>): string {
  return ((e as Record<symbol, unknown>)[STORED_ID] as string | undefined) ?? eventId(e);
}

/** A hash of the document's content (keys sorted): the same document always gets the same id. */
export function contentId(doc: Record<string, unknown>): string {
  return `sha256:${createHash("sha256").update(canonical(doc)!).digest("hex")}`;
}

/** The event's identity: `event.id` when given, else a hash of its content. */
export function eventId(e: Record<string, unknown>, fallback = () => contentId(e)): string {
  return str(get.id(e)) ?? fallback();
}

/** When the event happened (`@timestamp`, an ISO string or epoch milliseconds). */
export function eventTime(e: Record<string, unknown>): Date {
  const ts = e["@timestamp"];
  return new Date(typeof ts === "number" ? ts : String(ts));
}

/**
 * The columns of a stored event (for the process tree, auditd reconstruction and filters).
 * `fallbackId` gives the identity when the event has no `event.id` (a hash of what was received).
 */
export function normalizeEvent(e: Record<string, unknown>, fallbackId = () => contentId(e)) {
  const args = strs(get.args(e));
  return {
    id: eventId(e, fallbackId),
    timestamp: eventTime(e),
    hostName: str(get.hostName(e)),
    hostId: str(get.hostId(e)),
    userName: str(get.userName(e)),
    category: strs(get.category(e)),
    action: str(get.action(e)),
    processPid: int(get.pid(e)),
    processPpid: int(get.parentPid(e)) ?? int(get.ppid(e)),
    processEntityId: str(get.entityId(e)),
    parentEntityId: str(get.parentEntityId(e)),
    processName: str(get.name(e)),
    commandLine: str(get.commandLine(e)) ?? (args.length ? args.join(" ") : null),
    processExecutable: str(get.executable(e)),
  };
}

export type NormalizedEvent = ReturnType<typeof normalizeEvent>;
