/**
 * store: the documents of a stored window, as received, in one block of compressed frames — the
 * way search engines keep stored fields. A frame holds `frameDocs` JSON texts separated by
 * newlines (a JSON text has none of its own outside whitespace), compressed with brotli at quality
 * 0: ~8x smaller for ~4–7 µs of CPU per event (bench:storage), in zlib's thread pool, not on the event
 * loop. A reader decompresses only the frame that holds the document it wants (~0.3 ms).
 */
import { brotliCompress, brotliDecompressSync, constants } from "node:zlib";
import { promisify } from "node:util";

/** Documents per frame: small enough that reading one document is cheap, large enough to compress well. */
export const FRAME_DOCS = 256;

export interface DocumentBlock {
  codec: "br" | "identity";
  frameDocs: number;
  /** The byte offset of each frame in `docs`, then the end. */
  frames: number[];
  docs: Buffer;
}

const compress = promisify(brotliCompress);
// A 256 kB window: a frame of ~1 kB documents fits it, and the encoder allocates no more.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_LGWIN]: 18 } };

const NEWLINE = Buffer.from("\n");

/**
 * A document's bytes for a frame. JSON whitespace may hold newlines; inside a frame they would
 * split a document. Bytes come from an NDJSON line, which has none.
 */
const frameBytes = (doc: string | Uint8Array) => (typeof doc !== "string" ? doc : Buffer.from(doc.includes("\n") ? doc.replace(/[\r\n]/g, " ") : doc));

/** Compresses the documents (JSON texts, or their UTF-8 bytes as received) in frames of `frameDocs`. */
export async function encodeBlock(docs: readonly (string | Uint8Array)[], frameDocs = FRAME_DOCS): Promise<DocumentBlock> {
  const parts: Promise<Buffer>[] = [];
  for (let i = 0; i < docs.length; i += frameDocs) {
    const frame: Uint8Array[] = [];
    for (let j = i; j < Math.min(i + frameDocs, docs.length); j++) {
      if (j > i) frame.push(NEWLINE);
      frame.push(frameBytes(docs[j]));
    }
    parts.push(compress(Buffer.concat(frame), BROTLI));
  }
  const compressed = await Promise.all(parts);
  const frames = [0];
  for (const c of compressed) frames.push(frames[frames.length - 1] + c.byteLength);
  return { codec: "br", frameDocs, frames, docs: Buffer.concat(compressed) };
}

/** The JSON texts of one frame. */
export function decodeFrame(codec: string, data: Uint8Array): string[] {
  if (codec !== "br" && codec !== "identity") throw new Error(`event block: unknown codec ${codec}`);
  const bytes = codec === "br" ? brotliDecompressSync(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return bytes.toString("utf8").split("\n");
}
