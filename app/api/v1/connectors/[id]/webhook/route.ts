// GET /api/v1/connectors/{id}/webhook — where a ticketing system sends its notifications for this
// connector, the secret it signs them with, and the header. Admins only.
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZConnectorWebhook } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { publicUrl } from "@/lib/config";
import { db } from "@/lib/db/client";
import { connectorWebhookSecret } from "@/lib/connectors/webhook-signature";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "admin", params: idParams("connector") }, async (_req, { params }) => {
  if (!(await db().connector.findUnique({ where: { id: params.id }, select: { id: true } }))) throw new AppError("not_found", "no such connector");
  return respond(ZConnectorWebhook, { url: `${publicUrl()}/api/v1/connectors/${params.id}/notify`, secret: connectorWebhookSecret(params.id), signature_header: "X-Hub-Signature: sha256=<HMAC-SHA256 of the body, hex>" });
});
