import { createHash } from "node:crypto";
import { resolvePath } from "../eql/fields";

const paths = new Map<string, string[]>();
/** A field by dotted path (dotted keys and nested objects alike); paths are split once. */
const get = (e: Record<string, unknown>, path: string) => {
  let segs = paths.get(path);
  if (!segs) paths.set(path, (segs = path.split(".")));
  return resolvePath(e, segs, 0);
};
const str = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? (v[0] as string) : null);
const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);
const strs = (v: unknown) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Canonical JSON (sorted keys) so the same event always hashes the same. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
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
  return `sha256:${createHash("sha256").update(canonical(doc)).digest("hex")}`;
}

/** The event's identity: `event.id` when given, else a hash of its content. */
export function eventId(e: Record<string, unknown>, fallback = () => contentId(e)): string {
  return str(get(e, "event.id")) ?? fallback();
}

/**
 * The columns of a stored event (for the process tree and filters), beside the full document.
 * `fallbackId` gives the identity when the event has no `event.id` (a hash of what was received).
 */
export function normalizeEvent(e: Record<string, unknown>, fallbackId = () => contentId(e)) {
  const ts = e["@timestamp"];
  const args = strs(get(e, "process.args"));
  return {
    id: eventId(e, fallbackId),
    timestamp: new Date(typeof ts === "number" ? ts : String(ts)),
    hostName: str(get(e, "host.name")),
    hostId: str(get(e, "host.id")),
    userName: str(get(e, "user.name")),
    category: strs(get(e, "event.category")),
    action: str(get(e, "event.action")),
    processPid: int(get(e, "process.pid")),
    processPpid: int(get(e, "process.parent.pid")) ?? int(get(e, "process.ppid")),
    processEntityId: str(get(e, "process.entity_id")),
    parentEntityId: str(get(e, "process.parent.entity_id")),
    processName: str(get(e, "process.name")),
    commandLine: str(get(e, "process.command_line")) ?? (args.length ? args.join(" ") : null),
  };
}

export type NormalizedEvent = ReturnType<typeof normalizeEvent>;
