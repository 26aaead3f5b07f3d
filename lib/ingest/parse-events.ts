import { AppError } from "../api/app-error";
import { jsonErrorPosition } from "../json/json-error-position";

export interface LineError {
  /** 0-based index of the line (NDJSON) or array element. */
  index: number;
  reason: string;
}

export interface ParsedBody {
  documents: { index: number; doc: unknown }[];
  errors: LineError[];
}

/**
 * Splits an ingest body into documents. JSON: one event or an array; a malformed body is a 400
 * naming the position. NDJSON: each line on its own; bad lines are reported and the rest kept.
 * The route has held the body to its document count, depth and width while it arrived
 * (`bodyLimitsInspector`), so parsing here costs bounded memory.
 */
export function parseEventsBody(text: string, contentType: string, maxLineBytes = Infinity): ParsedBody {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/x-ndjson" || type === "application/ndjson") {
    const out: ParsedBody = { documents: [], errors: [] };
    // Line by line without splitting: a body of blank lines must not become millions of strings.
    for (let start = 0, index = 0; start <= text.length; index++) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      const line = text.slice(start, end);
      start = end + 1;
      if (line.trim() === "") continue;
      if (line.length > maxLineBytes) {
        out.errors.push({ index, reason: `line ${index + 1} is longer than the limit of ${maxLineBytes} bytes for one event` });
        continue;
      }
      try {
        out.documents.push({ index, doc: JSON.parse(line) });
      } catch (err) {
        out.errors.push({ index, reason: `invalid JSON: ${(err as Error).message}` });
      }
    }
    return out;
  }
  if (type !== "application/json") throw new AppError("unsupported_media_type", `content type must be application/json or application/x-ndjson, not '${type || "none"}'`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `malformed JSON: ${jsonErrorPosition(text, (err as Error).message)}`);
  }
  const docs = Array.isArray(data) ? data : [data];
  return { documents: docs.map((doc, index) => ({ index, doc })), errors: [] };
}
