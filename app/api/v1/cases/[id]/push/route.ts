// POST /api/v1/cases/{id}/push — { connectorId }: create or update the case's ticket. Analysts and admins.
import { z } from "zod";
import { idParams } from "@/lib/api/params";
import { ZPushResult } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { publicUrl } from "@/lib/config";
import { pushCase } from "@/lib/connectors/push-case";

export const dynamic = "force-dynamic";

const ZBody = z.object({ connectorId: z.string().uuid("not a connector id") }).strict();

export const POST = withRoute({ role: "analyst", audit: { action: "case.push", target: "case", changes: ({ body }, a) => ({ ...body, ticket: a?.ticket ?? null }) }, params: idParams("case"), body: ZBody }, async (_req, { principal, params, body: { connectorId } }) => {
  return respond(ZPushResult, await pushCase(params.id, connectorId, actorOf(principal).name, publicUrl()));
});
