import { parse as parseTolerant, printParseErrorCode, type ParseError } from "jsonc-parser";
import { AppError } from "../api/app-error";

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
 * Where a body that JSON.parse refused goes wrong, as "reason at line L, column C". Node's own
 * message does not always carry the position, so a strict scan with jsonc-parser locates it.
 */
function jsonErrorWhere(text: string, err: Error): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return err.message;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  const reason = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${reason} at line ${line}, column ${column} (offset ${first.offset})`;
}

/**
 * Splits an ingest body into documents. JSON: one event or an array; a malformed body is a 400
 * naming the position. NDJSON: each line on its own; bad lines are reported and the rest kept.
 */
export function parseEventsBody(text: string, contentType: string, maxLineBytes = Infinity): ParsedBody {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/x-ndjson" || type === "application/ndjson") {
    const out: ParsedBody = { documents: [], errors: [] };
    text.split("\n").forEach((line, index) => {
      if (line.trim() === "") return;
      if (line.length > maxLineBytes) {
        out.errors.push({ index, reason: `line ${index + 1} is longer than the limit of ${maxLineBytes} bytes for one event` });
        return;
      }
      try {
        out.documents.push({ index, doc: JSON.parse(line) });
      } catch (err) {
        out.errors.push({ index, reason: `invalid JSON: ${(err as Error).message}` });
      }
    });
    return out;
  }
  if (type !== "application/json") throw new AppError("unsupported_media_type", `content type must be application/json or application/x-ndjson, not '${type || "none"}'`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `malformed JSON: ${jsonErrorWhere(text, err as Error)}`);
  }
  const docs = Array.isArray(data) ? data : [data];
  return { documents: docs.map((doc, index) => ({ index, doc })), errors: [] };
}
