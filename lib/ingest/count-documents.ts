/**
 * How many documents a body holds, counted before any is parsed, so that a body within the byte
 * limit but made of many tiny documents (400,000 `{}` fit in 1.2 MB) is refused before it costs
 * memory: the scan builds no values. A JSON body that is not an array holds one document.
 */

import { AppError } from "../api/app-error";
import { JsonShapeScanner, jsonShape, type JsonShape } from "../json/json-shape";
import { MAX_FIELDS } from "./validate-event";

/** An array of events nests one level above them; events nest at most 32 levels (validate-event.ts). */
const MAX_BODY_DEPTH = 64;

/** Non-blank NDJSON lines, up to `max + 1`. */
export function countNdjsonLines(text: string, max: number): number {
  let count = 0;
  let start = 0;
  while (start <= text.length && count <= max) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

/** Throws 413 when a body holds more than `max` documents. */
export function assertDocumentCount(count: number, max: number): void {
  if (count > max) {
    throw new AppError("payload_too_large", `the body holds more than ${max} events (VIGIL_INGEST_MAX_EVENTS): send at most ${max} per request, or stream them to /es/_bulk`);
  }
}

function assertShape(shape: JsonShape, max: number): void {
  if (shape.depth > MAX_BODY_DEPTH) throw new AppError("bad_request", `the body nests deeper than ${MAX_BODY_DEPTH} levels`);
  if (shape.widest > MAX_FIELDS) throw new AppError("bad_request", `an event in the body has more than ${MAX_FIELDS} fields`);
  assertDocumentCount(shape.elements, max);
}

/** Throws unless a JSON body holds at most `max` documents, nests at most MAX_BODY_DEPTH levels and no document has more than MAX_FIELDS keys. */
export function assertJsonBodyShape(text: string, max: number): void {
  assertShape(jsonShape(text, max, MAX_BODY_DEPTH, MAX_FIELDS), max);
}

/**
 * The same limits applied to a body's bytes while it arrives: the returned function is given each
 * chunk and throws as soon as a limit is passed, so a body of 3 million `{}` is refused after the
 * first ten thousand instead of being read, decoded and scanned whole.
 */
export function bodyLimitsInspector(ndjson: boolean, max: number): (chunk: Uint8Array) => void {
  if (!ndjson) {
    const scanner = new JsonShapeScanner(max, MAX_BODY_DEPTH, MAX_FIELDS);
    return (chunk) => {
      if (!scanner.feed(chunk)) assertShape(scanner.shape, max);
    };
  }
  let lines = 0;
  let content = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 0x0a) {
        if (content && ++lines > max) assertDocumentCount(lines, max);
        content = false;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) content = true;
    }
  };
}
