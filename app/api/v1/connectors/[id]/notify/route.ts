// POST /api/v1/connectors/{id}/notify — a ticketing system's webhook: authenticated by its HMAC
// signature (lib/connectors/webhook-signature.ts), not by a session or key. It prompts a status sync
// of this connector's tickets: 202 { checked, closed }. Anything unsigned or wrongly signed: 401.
import { AppError } from "@/lib/api/app-error";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { z } from "zod";
import { ZNotifyAnswer } from "@/lib/api/responses/settings";
import { errorResponse, noStore, respond } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { readWholeBody } from "@/lib/http/body-reader";
import { syncTicketStatuses } from "@/lib/connectors/ticket-status-sync";
import { connectorWebhookSecret, hasValidSignature } from "@/lib/connectors/webhook-signature";

export const dynamic = "force-dynamic";

/** Ticketing notifications are small; a larger body is not one. */
const MAX_NOTIFICATION_BYTES = 256 * 1024;

export async function POST(req: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    // Never cookie-authenticated; a browser's cross-origin post is refused as everywhere (CSRF).
    if (req.headers.has("cookie")) assertSameOrigin(req);
    const parsed = z.string().uuid().safeParse((await context.params).id);
    if (!parsed.success) throw new AppError("not_found", "no such connector");
    const body = await readWholeBody(req, { maxBytes: MAX_NOTIFICATION_BYTES });
    const connector = await db().connector.findUnique({ where: { id: parsed.data }, select: { id: true } });
    // The same answer for an unknown connector and a bad signature: ids are not probed this way.
    if (!connector || !hasValidSignature(req.headers, body, connectorWebhookSecret(connector.id))) throw new AppError("unauthorized", "the notification is not signed with this connector's webhook secret");
    const result = await syncTicketStatuses(undefined, Date.now(), connector.id);
    return noStore(respond(ZNotifyAnswer, { checked: result.checked, closed: result.closed }, 202));
  } catch (err) {
    return noStore(await errorResponse(req, err));
  }
}
