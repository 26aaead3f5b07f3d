import { readFileSync } from "node:fs";
import type { EqlEvent } from "../eql";

/** An input problem the CLI reports as `file:line message`. */
export class InputError extends Error {}

/** Parses events given as a JSON array, one JSON object, or NDJSON (one object per line). */
export function parseEvents(text: string, source: string): EqlEvent[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (err) {
      throw new InputError(`${source}: invalid JSON array: ${(err as Error).message}`);
    }
    if (!Array.isArray(data)) throw new InputError(`${source}: expected a JSON array of events`);
    data.forEach((e, i) => {
      if (!e || typeof e !== "object" || Array.isArray(e)) throw new InputError(`${source}: element ${i} is not a JSON object`);
    });
    return data as EqlEvent[];
  }
  const events: EqlEvent[] = [];
  // A single pretty-printed object is accepted too.
  if (trimmed.startsWith("{") && !trimmed.includes("\n{")) {
    try {
      const one = JSON.parse(trimmed);
      if (one && typeof one === "object" && !Array.isArray(one)) return [one as EqlEvent];
    } catch {
      // fall through to NDJSON, which reports the line
    }
  }
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch (err) {
      throw new InputError(`${source}:${i + 1}: invalid JSON: ${(err as Error).message}`);
    }
    if (!e || typeof e !== "object" || Array.isArray(e)) throw new InputError(`${source}:${i + 1}: expected a JSON object`);
    events.push(e as EqlEvent);
  });
  return events;
}

/** Reads events from a file, or from standard input when no file is given. */
export function readEvents(file: string | undefined): EqlEvent[] {
  const source = file ?? "<stdin>";
  let text: string;
  try {
    text = readFileSync(file ?? 0, "utf8");
  } catch (err) {
    throw new InputError(`${source}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  return parseEvents(text, source);
}
