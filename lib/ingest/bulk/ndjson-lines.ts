/**
 * ingest: a request body read as NDJSON lines while it arrives — never buffered whole. The
 * caller pulls lines; while it is busy (storing a window), nothing more is read, so a fast sender
 * is slowed by TCP instead of filling memory. Limits: total bytes and bytes per line (413).
 *
 * Each line comes as text (for JSON.parse) and as its bytes as received (views of the body's
 * chunks, no copy), so a document is stored without being encoded again.
 */
import { isUtf8 } from "node:buffer";
import { AppError } from "../../api/app-error";
import { BodyReader } from "../../http/body-reader";

export interface LineLimits {
  /** The whole body. */
  maxBytes: number;
  /** One line (one action or one document). */
  maxLineBytes: number;
}

export interface Line {
  text: string;
  /** The line's bytes, without its newline. */
  bytes: Buffer;
  /** 1-based. */
  number: number;
}

const NL = 0x0a;

/** Yields the complete lines of each chunk as it arrives (one await per chunk, not per line). */
export async function* ndjsonLines(body: ReadableStream<Uint8Array> | null, limits: LineLimits): AsyncGenerator<Line[]> {
  if (!body) return;
  // Byte limit, idle timeout and minimum rate (a client that stalls or trickles gets 408).
  const reader = new BodyReader(body, { maxBytes: limits.maxBytes });
  // The start of a line the chunks so far have not finished.
  let pending: Buffer | null = null;
  let number = 0;
  let previousBlank = false;
  try {
    for (;;) {
      const value = await reader.read(`line ${number}`);
      if (!value) break;
      const view = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      const buf: Buffer = pending ? Buffer.concat([pending, view]) : view;
      const last = buf.lastIndexOf(NL);
      if (last === -1) {
        if (buf.byteLength > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
        pending = buf;
        continue;
      }
      // A newline byte never falls inside a UTF-8 sequence: everything up to the last one is whole characters.
      if (!isUtf8(buf.subarray(0, last))) throw notUtf8(number + firstBadLine(buf.subarray(0, last)));
      const lines: Line[] = [];
      let start = 0;
      for (let nl = buf.indexOf(NL); nl !== -1; nl = buf.indexOf(NL, start)) {
        if (nl - start > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
        ++number;
        // A run of blank lines (empty, or a lone CR) is given as its first line only: to the bulk
        // protocol one blank line says as much as many, and millions of them must not become objects.
        const blank = nl === start || (nl - start === 1 && buf[start] === 0x0d);
        if (!blank || !previousBlank) lines.push(lineOf(buf.subarray(start, nl), number));
        previousBlank = blank;
        start = nl + 1;
      }
      pending = start < buf.byteLength ? buf.subarray(start) : null;
      yield lines;
      if (pending && pending.byteLength > limits.maxLineBytes) throw tooLong(number + 1, limits.maxLineBytes);
    }
    if (pending) {
      if (!isUtf8(pending)) throw notUtf8(number + 1);
      const line = lineOf(pending, number + 1);
      if (line.text.trim() !== "") yield [line];
    }
  } finally {
    // Stopped early (an error, or the caller gave up): let the client finish sending so it reads the answer.
    await reader.discard();
  }
}

/** A line from its bytes; the first line loses a byte order mark, as a UTF-8 decoder drops it. */
function lineOf(bytes: Buffer, number: number): Line {
  if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  return { text: bytes.toString("utf8"), bytes, number };
}

function tooLong(line: number, limit: number) {
  return new AppError("payload_too_large", `line ${line} is longer than the limit of ${limit} bytes for one line`);
}

/** Which of the lines in `bytes` (1-based) is the first that is not UTF-8. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; ; line++) {
    const nl = bytes.indexOf(NL, start);
    if (!isUtf8(bytes.subarray(start, nl === -1 ? bytes.byteLength : nl)) || nl === -1) return line;
    start = nl + 1;
  }
}

function notUtf8(line: number) {
  return new AppError("bad_request", `body is not valid UTF-8 (line ${line})`);
}
