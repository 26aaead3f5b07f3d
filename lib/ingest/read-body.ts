import { AppError } from "../api/app-error";
import { discardRest } from "../http/discard-body";

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

/** The configured ingest body limit in bytes (VIGIL_INGEST_MAX_BYTES), default 10 MB. */
export function bodyLimit(): number {
  const v = Number(process.env.VIGIL_INGEST_MAX_BYTES);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BODY_LIMIT;
}

/** Reads a request body as text, stopping (413) as soon as it exceeds the limit instead of buffering it all. */
export async function readBodyLimited(req: Request, limit = bodyLimit()): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new AppError("payload_too_large", `body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader);
      throw new AppError("payload_too_large", `body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  const buf = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    buf.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw new AppError("bad_request", "body is not valid UTF-8");
  }
}
