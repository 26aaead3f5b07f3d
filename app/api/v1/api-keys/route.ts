// GET /api/v1/api-keys — list keys (never their secrets). POST — { name, scopes }: the secret is returned once. Admins only.
import { z } from "zod";
import { API_KEY_SCOPES, createApiKey } from "@/lib/api-keys/api-keys";
import { ZApiKeyCreated, ZApiKeyList } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZNewKey = z.object({ name: z.string().min(1).max(128), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1) }).strict();

export const GET = withRoute({ role: "admin" }, async () => {
  const keys = await db().apiKey.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
  return respond(ZApiKeyList, { keys });
});

export const POST = withRoute({ role: "admin", audit: { action: "api_key.create", target: "api_key" }, body: ZNewKey }, async (_req, { principal, body: input }) => {
  const created = await createApiKey({ ...input, createdById: principal.kind === "user" ? principal.user.id : null });
  return respond(ZApiKeyCreated, created, 201);
});
