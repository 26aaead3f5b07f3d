/** A position in the query text: 1-based line and column, 0-based offset. */
export interface SourceLocation {
  offset: number;
  line: number;
  column: number;
}

export type EqlErrorKind = "syntax" | "semantic" | "unsupported";

/**
 * The one error type of the engine. Every bad query ends here with a line, a column and an
 * excerpt with a caret under the offending column, whatever the input.
 */
export class EqlError extends Error {
  readonly kind: EqlErrorKind;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The message without location, for UIs that show the position separately. */
  readonly reason: string;
  /** The query line with a caret under the column. */
  readonly excerpt: string;

  constructor(kind: EqlErrorKind, reason: string, source: string, loc: SourceLocation) {
    const excerpt = caretExcerpt(source, loc);
    super(`${loc.line}:${loc.column} ${reason}\n${excerpt}`);
    this.name = "EqlError";
    this.kind = kind;
    this.reason = reason;
    this.line = loc.line;
    this.column = loc.column;
    this.offset = loc.offset;
    this.excerpt = excerpt;
  }
}

/** Computes line and column for an offset in the source. */
export function locate(source: string, offset: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function caretExcerpt(source: string, loc: SourceLocation): string {
  const lines = source.split("\n");
  const text = (lines[loc.line - 1] ?? "").replace(/\t/g, " ");
  // Long lines are windowed around the column so the caret stays readable.
  const width = 100;
  const start = Math.max(0, loc.column - 1 - width / 2);
  const shown = text.slice(start, start + width);
  const prefix = start > 0 ? "…" : "";
  return `${prefix}${shown}\n${" ".repeat(prefix.length + loc.column - 1 - start)}^`;
}
