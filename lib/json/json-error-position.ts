/**
 * Where a JSON text that JSON.parse refused goes wrong, as "reason at line L, column C (offset O)".
 * Node's own message does not always carry the position, so a strict scan with jsonc-parser
 * locates it (the scan builds no values: memory stays flat whatever the text).
 */
import { printParseErrorCode, visit } from "jsonc-parser";
import { jsonShape } from "./json-shape";

/** The scan below recurses per level; deeper texts are described by their depth instead. */
const MAX_SCANNED_DEPTH = 1000;

export function jsonErrorPosition(text: string, fallback: string): string {
  if (jsonShape(text, 0, MAX_SCANNED_DEPTH).depth > MAX_SCANNED_DEPTH) return `nesting deeper than ${MAX_SCANNED_DEPTH} levels`;
  let first: { offset: number; reason: string } | null = null;
  visit(
    text,
    {
      onError(error, offset) {
        first ??= { offset, reason: printParseErrorCode(error) };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return fallback;
  const { offset, reason } = first as { offset: number; reason: string };
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  const column = offset - lineStart + 1;
  return `${reason.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()} at line ${line}, column ${column} (offset ${offset})`;
}
