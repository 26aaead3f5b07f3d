/**
 * PostgreSQL's text and jsonb cannot hold the NUL character, and an unpaired UTF-16 surrogate has
 * no UTF-8 form (in a text column it would become U+FFFD, and two ids could become one). Values
 * from an event reach both: its columns, and the alert, case and ticket fields built from its
 * document (an alert's explanation is jsonb). Such events are refused one by one, with the field
 * or the document named, instead of failing the window's transaction.
 */
import type { NormalizedEvent } from "../normalize-event";

const SURROGATE = /[\ud800-\udfff]/;

function badString(s: string): boolean {
  if (!s.includes("\u0000") && !SURROGATE.test(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

const FIELDS: [keyof NormalizedEvent, string][] = [
  ["id", "event.id"],
  ["hostName", "host.name"],
  ["hostId", "host.id"],
  ["userName", "user.name"],
  ["action", "event.action"],
  ["processEntityId", "process.entity_id"],
  ["parentEntityId", "process.parent.entity_id"],
  ["processName", "process.name"],
  ["commandLine", "process.command_line"],
  ["processExecutable", "process.executable"],
];

function walk(v: unknown): boolean {
  if (typeof v === "string") return badString(v);
  if (v === null || typeof v !== "object") return false;
  for (const [k, x] of Object.entries(v)) if (badString(k) || walk(x)) return true;
  return false;
}

/**
 * A JSON text can carry either only as an escape (JSON forbids raw control characters in strings);
 * a document nested in a string (SentinelOne's record in `message`) shows it as `\\u0000`, which
 * contains the same characters.
 */
const SUSPECT_ESCAPE = /\\u(0000|[dD][89a-fA-F])/;

/**
 * Null when every string of the document as received (`jsonText`, parsed: `received`) and of the
 * event normalized from it can be stored, else why not. Normalizing only moves and splits strings
 * it was given, so a text without a suspect escape needs no walk.
 */
export function documentProblem(jsonText: string, received: unknown, event: unknown): string | null {
  // `includes` first: most documents have no escape at all, and it costs a tenth of the regex.
  if (!jsonText.includes("\\u") || !SUSPECT_ESCAPE.test(jsonText)) return null;
  return walk(received) || walk(event) ? "the document contains a \\u0000 character or an unpaired surrogate, which cannot be stored" : null;
}

/** Null when the columns can be stored as text, else why not. */
export function columnProblem(c: NormalizedEvent): string | null {
  for (const [key, field] of FIELDS) {
    const v = c[key];
    if (typeof v === "string" && badString(v)) return `${field}: contains a \\u0000 character or an unpaired surrogate, which cannot be stored`;
  }
  for (const v of c.category) if (badString(v)) return "event.category: contains a \\u0000 character or an unpaired surrogate, which cannot be stored";
  return null;
}
