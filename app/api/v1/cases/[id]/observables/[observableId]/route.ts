// DELETE /api/v1/cases/{id}/observables/{observableId} — remove an observable. Analysts and admins.
import { z } from "zod";
import { ZObservableRemoved } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { removeObservable } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

const ZParams = z.object({ id: z.string().uuid("not a case id"), observableId: z.string().uuid("not an observable id") });

export const DELETE = withRoute({ role: "analyst", audit: { action: "case.observable_remove", target: "case", changes: ({ params }) => ({ observable: params.observableId }) }, params: ZParams }, async (_req, { principal, params }) => {
  await removeObservable(params.id, params.observableId, actorOf(principal).name);
  return respond(ZObservableRemoved, { removed: params.observableId });
});
