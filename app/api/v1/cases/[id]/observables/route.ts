// POST /api/v1/cases/{id}/observables — { type, value }: add an observable by hand. Analysts and admins.
import { NextResponse } from "next/server";
import { idParams } from "@/lib/api/params";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { addObservable, ZNewObservable } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "analyst", audit: { action: "case.observable_add", target: "case" }, params: idParams("case"), body: ZNewObservable }, async (_req, { principal, params, body: o }) => {
  return NextResponse.json({ observable: await addObservable(params.id, o, actorOf(principal).name) }, { status: 201 });
});
