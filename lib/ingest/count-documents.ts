/**
 * How many documents a body holds, counted before any is parsed, so that a body within the byte
 * limit but made of many tiny documents (400,000 `{}` fit in 1.2 MB) is refused before it costs
 * memory: the scan builds no values. A JSON body that is not an array holds one document.
 */
import { visit } from "jsonc-parser";
import { AppError } from "../api/app-error";

class TooMany extends Error {}

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

/** Elements of a top-level JSON array (1 for any other JSON text), up to `max + 1`; syntax errors are left to JSON.parse. */
export function countJsonDocuments(text: string, max: number): number {
  if (text.trimStart()[0] !== "[") return 1;
  let depth = 0;
  let count = 0;
  const element = () => {
    if (depth === 1 && ++count > max) throw new TooMany();
  };
  try {
    visit(text, {
      onObjectBegin: () => {
        element();
        depth++;
      },
      onArrayBegin: () => {
        element();
        depth++;
      },
      onObjectEnd: () => void depth--,
      onArrayEnd: () => void depth--,
      onLiteralValue: element,
    });
  } catch (err) {
    if (!(err instanceof TooMany)) throw err;
  }
  return count;
}

/** Throws 413 when a body holds more than `max` documents. */
export function assertDocumentCount(count: number, max: number): void {
  if (count > max) {
    throw new AppError("payload_too_large", `the body holds more than ${max} events (VIGIL_INGEST_MAX_EVENTS): send at most ${max} per request, or stream them to /es/_bulk`);
  }
}
