// DELETE /api/v1/api-keys/{id} — revoke a key (kept for the record). Admins only.
import { idParams } from "@/lib/api/params";
import { ZApiKeyRevoked } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const DELETE = withRoute({ role: "admin", audit: { action: "api_key.revoke", target: "api_key" }, params: idParams("API key") }, async (_req, { params: { id } }) => {
  await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  return respond(ZApiKeyRevoked, { revoked: id });
});
