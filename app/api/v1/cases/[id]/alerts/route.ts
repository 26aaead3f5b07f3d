// POST /api/v1/cases/{id}/alerts — { alertIds }: add alerts to the case. Analysts and admins.
import { z } from "zod";
import { idParams } from "@/lib/api/params";
import { ZAlertsAdded } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { addAlertsToCase } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

const ZBody = z.object({ alertIds: z.array(z.string().uuid()).min(1).max(1000) }).strict();

export const POST = withRoute({ role: "analyst", audit: { action: "case.alerts_add", target: "case" }, params: idParams("case"), body: ZBody }, async (_req, { principal, params, body: { alertIds } }) => {
  const added = await addAlertsToCase(params.id, alertIds, actorOf(principal).name);
  return respond(ZAlertsAdded, { added });
});
