/**
 * ingest: a request body read as NDJSON lines while it arrives — never buffered whole. The
 * caller pulls lines; while it is busy (storing a window), nothing more is read, so a fast sender
 * is slowed by TCP instead of filling memory. Limits: total bytes and bytes per line (413).
 */
import { AppError } from "../../api/app-error";
import { discardRest } from "../discard-body";

export interface LineLimits {
  /** The whole body. */
  maxBytes: number;
  /** One line (one action or one document). */
  maxLineBytes: number;
}

export interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

/** Yields the complete lines of each chunk as it arrives (one await per chunk, not per line). */
export async function* ndjsonLines(body: ReadableStream<Uint8Array> | null, limits: LineLimits): AsyncGenerator<Line[]> {
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let number = 0;
  let bytes = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError("bad_request", `body is not valid UTF-8 (after line ${number})`);
    }
  };
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw new AppError("bad_request", `the body could not be read after line ${number}: ${(err as Error).message}`);
      }
      const { done, value } = chunk;
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) throw new AppError("payload_too_large", `body exceeds the limit of ${limits.maxBytes} bytes`);
      pending += decode(value);
      let start = 0;
      const lines: Line[] = [];
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        if (nl - start > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
        lines.push({ text: pending.slice(start, nl), number: ++number });
        start = nl + 1;
      }
      pending = start === 0 ? pending : pending.slice(start);
      if (lines.length) yield lines;
      // Characters count at most as many bytes; a line already longer cannot end within the limit.
      if (pending.length > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
    }
    pending += decode();
    if (pending.length > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
    if (pending.trim() !== "") yield [{ text: pending, number: ++number }];
  } finally {
    // Stopped early (an error, or the caller gave up): let the client finish sending so it reads the answer.
    await discardRest(reader);
  }
}

function tooLong(line: number, limit: number) {
  return new AppError("payload_too_large", `line ${line} is longer than the limit of ${limit} bytes for one line`);
}
