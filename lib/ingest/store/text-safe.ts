/**
 * PostgreSQL's text cannot hold the NUL character, and an unpaired UTF-16 surrogate has no UTF-8
 * form (it would be stored as U+FFFD, and two ids could become one). Either, in a column an event
 * is stored with, would fail or corrupt the window's COPY; such events are refused one by one
 * instead, with the field named. (Documents are stored as received, in blocks, and need no check.)
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

/** Null when the columns can be stored as text, else why not. */
export function columnProblem(c: NormalizedEvent): string | null {
  for (const [key, field] of FIELDS) {
    const v = c[key];
    if (typeof v === "string" && badString(v)) return `${field}: contains a \\u0000 character or an unpaired surrogate, which cannot be stored`;
  }
  for (const v of c.category) if (badString(v)) return "event.category: contains a \\u0000 character or an unpaired surrogate, which cannot be stored";
  return null;
}
