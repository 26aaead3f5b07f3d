/**
 * Reads a request body chunk by chunk with the limits a server facing the internet needs: a byte
 * limit (413), an idle timeout (no byte for `idleMs`: 408) and a minimum average rate once the
 * first `idleMs` of waiting (a client trickling a byte every few seconds is cut off: 408). A
 * client that stops sending or crawls cannot hold a connection, a slot or memory for long.
 */
import { AppError } from "../api/app-error";
import { config } from "../config";
import { discardRest } from "./discard-body";

export interface BodyLimits {
  maxBytes: number;
  /** No byte for this long ends the request (408). */
  idleMs?: number;
  /** After `idleMs` spent waiting for the client, its average rate over that waiting must stay at or above this (bytes per second; 0: no floor). */
  minBytesPerSecond?: number;
}

export class BodyReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null;
  /** Time spent waiting for the client (not for this server's own work between reads). */
  private waited = 0;
  private readonly idleMs: number;
  private readonly minRate: number;
  /** Bytes read so far. */
  bytes = 0;

  constructor(
    body: ReadableStream<Uint8Array> | null,
    private readonly limits: BodyLimits,
  ) {
    this.reader = body?.getReader() ?? null;
    const c = config();
    this.idleMs = limits.idleMs ?? c.VIGIL_BODY_IDLE_TIMEOUT_MS;
    this.minRate = limits.minBytesPerSecond ?? c.VIGIL_BODY_MIN_BYTES_PER_S;
  }

  /** The next chunk, or null at the end of the body; `where` says how far the body got, for errors. */
  async read(where = `${this.bytes} bytes`): Promise<Uint8Array | null> {
    if (!this.reader) return null;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError("request_timeout", `the body stopped arriving: no byte for ${this.idleMs / 1000} s after ${this.bytes} bytes`)), this.idleMs);
    });
    let chunk: ReadableStreamReadResult<Uint8Array>;
    const asked = performance.now();
    try {
      chunk = await Promise.race([this.reader.read(), idle]);
    } catch (err) {
      if (err instanceof AppError) {
        await this.reader.cancel().catch(() => undefined);
        throw err;
      }
      throw new AppError("bad_request", `the body could not be read after ${where}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.waited += performance.now() - asked;
    }
    if (chunk.done) return null;
    this.bytes += chunk.value.byteLength;
    if (this.bytes > this.limits.maxBytes) {
      await discardRest(this.reader);
      throw new AppError("payload_too_large", `body exceeds the limit of ${this.limits.maxBytes} bytes`);
    }
    if (this.minRate > 0 && this.waited > this.idleMs && (this.bytes * 1000) / this.waited < this.minRate) {
      await this.reader.cancel().catch(() => undefined);
      throw new AppError("request_timeout", `the body arrives too slowly: ${this.bytes} bytes in ${Math.round(this.waited / 1000)} s (at least ${this.minRate} bytes/s)`);
    }
    return chunk.value;
  }

  /** Reads and drops the rest (up to a cap), so a client still sending reads the answer. */
  async discard(): Promise<void> {
    if (this.reader) await discardRest(this.reader);
  }
}

/** The whole body as one buffer, within the limits. */
export async function readWholeBody(req: Request, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw new AppError("payload_too_large", `body of ${declared} bytes exceeds the limit of ${limits.maxBytes} bytes`);
  const reader = new BodyReader(req.body, limits);
  const chunks: Uint8Array[] = [];
  for (let c = await reader.read(); c; c = await reader.read()) chunks.push(c);
  return Buffer.concat(chunks, reader.bytes);
}
