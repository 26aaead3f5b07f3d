/**
 * A request body as its sender meant it: `Content-Encoding: gzip` (Beats, Elastic Agent, Logstash,
 * the OpenTelemetry exporter) and `deflate` are decompressed while the body arrives, so every limit
 * downstream (bytes, lines, documents) is judged on the decompressed bytes.
 *
 * A decompression bomb gets nowhere: the compressed input is fed to zlib in small slices and the
 * next slice only once the reader has taken what the last one produced, so at most one slice's
 * output (about 1 MB: DEFLATE expands at most ~1,032 times) is held beyond what the reader asked
 * for, and the reader's byte limit (413) stops the rest.
 */
import zlib from "node:zlib";
import { AppError } from "../api/app-error";

/** Compressed bytes handed to zlib at once: bounds the output held between two reads. */
const SLICE_BYTES = 1024;

type Encoding = "gzip" | "deflate";

/** The body's encoding, or an error naming what is supported (415, as Elasticsearch answers). */
export function contentEncodingOf(req: Request): Encoding | null {
  const header = (req.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (header === "" || header === "identity") return null;
  if (header === "gzip" || header === "x-gzip") return "gzip";
  if (header === "deflate") return "deflate";
  throw new AppError("unsupported_media_type", `Content-Encoding '${header}' is not supported: send gzip, deflate or an uncompressed body`);
}

/** The request's body, decompressed when it says it is compressed. */
export function decodedBody(req: Request): ReadableStream<Uint8Array> | null {
  const encoding = contentEncodingOf(req);
  if (!req.body || !encoding) return req.body;
  return inflating(req.body, encoding);
}

/** `deflate` on the web is zlib-wrapped (RFC 1950), though some senders send raw DEFLATE: told apart by the first two bytes. */
function isZlibHeader(b0: number, b1: number): boolean {
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

function inflating(body: ReadableStream<Uint8Array>, encoding: Encoding): ReadableStream<Uint8Array> {
  const source = body.getReader();
  let z: zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | null = null;
  const output: Buffer[] = [];
  let failure: Error | null = null;
  let finished = false;
  // What is left of the compressed chunk being fed.
  let rest: Uint8Array | null = null;
  let sourceDone = false;

  const start = (first: Uint8Array) => {
    z = encoding === "gzip" ? zlib.createGunzip() : first.length >= 2 && !isZlibHeader(first[0], first[1]) ? zlib.createInflateRaw() : zlib.createInflate();
    z.on("data", (b: Buffer) => output.push(b));
    z.on("error", (err) => (failure = err));
    z.on("end", () => (finished = true));
  };
  /** Feeds one slice and waits until zlib has processed it (its output is then in `output`). */
  const feed = (slice: Uint8Array) =>
    new Promise<void>((resolve) => {
      const onError = () => resolve();
      z!.once("error", onError);
      z!.write(slice, () => {
        z!.off("error", onError);
        resolve();
      });
    });
  const close = () => new Promise<void>((resolve) => {
    if (finished || failure) return resolve();
    z!.once("end", resolve);
    z!.once("error", () => resolve());
    z!.end();
  });
  const badBody = (err: Error) => new AppError("bad_request", `the body is not valid ${encoding}: ${err.message}`);

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (failure) return controller.error(badBody(failure));
        if (output.length) return controller.enqueue(output.shift()!);
        if (finished) return controller.close();
        if (sourceDone) {
          await close();
          if (!finished && !failure) failure = new Error("unexpected end of file");
          continue;
        }
        if (!rest || rest.length === 0) {
          const { done, value } = await source.read();
          if (done) {
            sourceDone = true;
            if (!z) return controller.close(); // an empty body
            continue;
          }
          if (!z) start(value);
          rest = value;
        }
        const slice = rest.subarray(0, SLICE_BYTES);
        rest = rest.subarray(slice.length);
        await feed(slice);
      }
    },
    async cancel(reason) {
      (z as zlib.Gunzip | null)?.destroy();
      await source.cancel(reason).catch(() => undefined);
    },
  });
}
