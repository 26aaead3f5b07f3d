/**
 * The body of `POST /api/v1/events`, read whole before the request takes an ingest slot: within
 * the byte limit (413), the idle and minimum-rate timeouts (408), and the gate's budget of bytes
 * being read at once (429). A gzip or deflate body is decompressed as it arrives, and the limits
 * apply to what it decompresses to. The text must be UTF-8 (400).
 */
import { AppError } from "../api/app-error";
import { config } from "../config";
import { BodyReader } from "../http/body-reader";
import { decodedBody } from "../http/content-encoding";
import type { BodyInspector } from "./count-documents";
import type { IngestGate } from "./ingest-gate";

/** The configured ingest body limit in bytes (VIGIL_INGEST_MAX_BYTES). */
export const bodyLimit = (): number => config().VIGIL_INGEST_MAX_BYTES;

/** Reads the body as text; `inspector` sees each chunk first and may refuse the body by throwing; `release` gives its bytes back to the gate's budget. */
export async function readIngestBody(req: Request, gate: IngestGate, inspector?: BodyInspector, limit = bodyLimit()): Promise<{ text: string; release: () => void }> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new AppError("payload_too_large", `body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  // Limits count the decompressed bytes (gzip and deflate are decoded as they arrive).
  const reader = new BodyReader(decodedBody(req), { maxBytes: limit });
  const chunks: Uint8Array[] = [];
  const held: (() => void)[] = [];
  const release = () => held.forEach((r) => r());
  try {
    for (let c = await reader.read(); c; c = await reader.read()) {
      held.push(gate.hold(c.byteLength));
      inspector?.feed(c);
      chunks.push(c);
    }
    inspector?.end();
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks, reader.bytes));
    return { text, release };
  } catch (err) {
    release();
    await reader.discard();
    if (err instanceof TypeError) throw new AppError("bad_request", "body is not valid UTF-8");
    throw err;
  }
}
