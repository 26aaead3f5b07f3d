/**
 * CSRF defence for cookie-authenticated mutations. Browsers send `Origin` on every cross-origin
 * POST, PUT, PATCH and DELETE (forms included) and `Sec-Fetch-Site` on every request they make,
 * so a mutation is accepted only when `Origin` is Vigil's own (the public URL, or the host the
 * request was sent to) or, without `Origin`, when `Sec-Fetch-Site` says same-origin. Another port
 * on the same host is another origin, and refused. API-key requests carry no ambient credential
 * and are not checked.
 */
import { publicUrl } from "../config";
import { AppError } from "./app-error";

export const isMutation = (method: string): boolean => !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());

/** True when `origin` is this Vigil: its public URL's origin, or the scheme-less host the request addressed. */
export function isOwnOrigin(origin: string, host: string | null): boolean {
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.protocol !== "http:" && o.protocol !== "https:") return false;
  if (o.origin === new URL(publicUrl()).origin) return true;
  return host !== null && o.host === host.toLowerCase();
}

/** Throws 403 unless the request comes from one of Vigil's own pages. */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== "null") {
    if (isOwnOrigin(origin, req.headers.get("host"))) return;
    throw new AppError("forbidden", `cross-origin request refused: Origin ${origin.slice(0, 200)} is not this Vigil`);
  }
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("forbidden", "cross-origin request refused: a signed-in change must come from Vigil's own pages (send Origin, or use an API key)");
}
