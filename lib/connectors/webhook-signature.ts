/**
 * Signed notifications from ticketing systems. Each connector has its own secret, derived from the
 * server's secret (BETTER_AUTH_SECRET) and the connector's id, which an admin gives the ticketing
 * system's webhook (Jira's webhook secret, or a header computed the same way elsewhere); a
 * notification carries `sha256=<hex HMAC-SHA256 of the raw body>` in `X-Hub-Signature-256`,
 * `X-Hub-Signature` (Jira) or `X-Vigil-Signature`. The body is only a prompt: Vigil then asks the
 * system's API for the ticket's state, so a replayed or reordered notification changes nothing.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { serverSecret } from "../config";

export const SIGNATURE_HEADERS = ["x-hub-signature-256", "x-hub-signature", "x-vigil-signature"] as const;

/** The secret a ticketing system signs this connector's notifications with. */
export function connectorWebhookSecret(connectorId: string): string {
  return createHmac("sha256", serverSecret("connector webhooks cannot be verified")).update(`vigil connector webhook v1:${connectorId}`).digest("hex");
}

/** The header value a sender computes for a body. */
export function signBody(body: Uint8Array, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Whether one of the signature headers holds the body's signature (compared in constant time). */
export function hasValidSignature(headers: Headers, body: Uint8Array, secret: string): boolean {
  const expected = Buffer.from(signBody(body, secret));
  return SIGNATURE_HEADERS.some((h) => {
    const got = Buffer.from((headers.get(h) ?? "").trim().toLowerCase());
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
