/**
 * How many documents a body holds, how deep and how wide, judged on its bytes while it arrives,
 * so that a body within the byte limit but made of many tiny documents (400,000 `{}` fit in
 * 1.2 MB) is refused before it costs memory: the scan builds no values. A JSON body that is not
 * an array holds one document.
 */
import { AppError } from "../api/app-error";
import { JsonShapeScanner, type JsonShape } from "../json/json-shape";
import { MAX_FIELDS } from "./validate-event";

/** An array of events nests one level above them; events nest at most 32 levels (validate-event.ts). */
const MAX_BODY_DEPTH = 64;

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

/** Sees a body's chunks as they arrive and throws once a limit is passed; `end` judges the whole. */
export interface BodyInspector {
  feed(chunk: Uint8Array): void;
  end(): void;
}

/**
 * The limits applied to a body's bytes while it arrives: a body of 3 million `{}` is refused after
 * the first ten thousand instead of being read, decoded and scanned whole.
 */
export function bodyLimitsInspector(ndjson: boolean, max: number): BodyInspector {
  if (!ndjson) {
    const scanner = new JsonShapeScanner(max, MAX_BODY_DEPTH, MAX_FIELDS);
    return {
      feed: (chunk) => void (scanner.feed(chunk) || assertShape(scanner.shape, max)),
      end: () => assertShape(scanner.shape, max),
    };
  }
  let lines = 0;
  let content = false;
  return {
    feed(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x0a) {
          if (content) assertDocumentCount(++lines, max);
          content = false;
        } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) content = true;
      }
    },
    end: () => assertDocumentCount(lines + (content ? 1 : 0), max),
  };
}
