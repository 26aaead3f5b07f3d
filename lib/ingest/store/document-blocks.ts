/**
 * store: the documents of a stored window, as received, in one block of compressed frames — the
 * way search engines keep stored fields. A frame holds `frameDocs` JSON texts separated by
 * newlines (a JSON text has none of its own outside whitespace), compressed with brotli at quality
 * 0: ~7x smaller for ~4–7 µs of CPU per event (bench:storage), in zlib's thread pool, not on the event
 * loop. A reader decompresses only the frame that holds the document it wants (~0.2 ms).
 */
import { brotliCompress, brotliDecompressSync, constants } from "node:zlib";
import { promisify } from "node:util";

/**
 * Documents per frame: small enough that reading one document is cheap, large enough to compress
 * well. 128 rather than 256 (docs/decisions/frame-size.md): 131 instead of 122 bytes per ~1 kB
 * document, while a scan narrowed to 1 % of the events decompresses 62 % of the frames, not 85 %;
 * 64 would halve that again, but each frame's encoder costs ~0.4 ms, which doubled compression CPU.
 */
export const FRAME_DOCS = 128;

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
  const frame = frameReader(codec, data);
  return Array.from({ length: frame.count }, (_, i) => frame.text(i)!);
}

/**
 * One frame decompressed, its documents decoded to text only when asked for: a reader that wants
 * a few documents of a frame (a scan narrowed by an indexed column) does not pay for the rest.
 */
export function frameReader(codec: string, data: Uint8Array): FrameReader {
  return readerOf(decompressSync(codec, data));
}

export interface FrameReader {
  count: number;
  text(i: number): string | undefined;
}

function decompressSync(codec: string, data: Uint8Array): Buffer {
  if (codec !== "br" && codec !== "identity") throw new Error(`event block: unknown codec ${codec}`);
  return codec === "br" ? brotliDecompressSync(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function readerOf(bytes: Buffer): FrameReader {
  // Where each document starts (documents hold no newline: see frameBytes).
  const starts = [0];
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) starts.push(at + 1);
  starts.push(bytes.length + 1);
  return {
    count: starts.length - 1,
    text: (i) => (i >= 0 && i < starts.length - 1 ? bytes.toString("utf8", starts[i], starts[i + 1] - 1) : undefined),
  };
}
