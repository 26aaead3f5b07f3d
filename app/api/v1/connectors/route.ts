// GET /api/v1/connectors — list (never credentials). POST — { name, kind, config, secret? }: kind is webhook, jira,
// servicenow, thehive or iris; the secret (credentials) is sealed before it is stored. Admins only.
import { ZConnectorList, ZConnectorSaved } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { seal } from "@/lib/connectors/secret-box";
import { ZNewConnector } from "@/lib/connectors/connector-input";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "admin" }, async () => {
  const rows = await db().connector.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true, config: true, createdAt: true, secret: true } });
  return respond(ZConnectorList, { connectors: rows.map(({ secret, ...r }) => ({ ...r, has_secret: secret !== null })) });
});

export const POST = withRoute({ role: "admin", audit: { action: "connector.create", target: "connector" }, body: ZNewConnector }, async (_req, { body: input }) => {
  const row = await db().connector.create({ data: { name: input.name, kind: input.kind, config: input.config, secret: input.secret && Object.keys(input.secret).length ? seal(input.secret) : null } });
  return respond(ZConnectorSaved, { id: row.id, name: row.name, kind: row.kind }, 201);
});
