// POST /api/v1/cases/{id}/observables — { type, value }: add an observable by hand. Analysts and admins.
import { idParams } from "@/lib/api/params";
import { ZObservableAdded } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { addObservable, ZNewObservable } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "analyst", audit: { action: "case.observable_add", target: "case" }, params: idParams("case"), body: ZNewObservable }, async (_req, { principal, params, body: o }) => {
  return respond(ZObservableAdded, { observable: await addObservable(params.id, o, actorOf(principal).name) }, 201);
});
