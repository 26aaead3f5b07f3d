// DELETE /api/v1/cases/{id}/observables/{observableId} — remove an observable. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { removeObservable } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

export const DELETE = withRoute<{ id: string; observableId: string }>({ role: "analyst" }, async (_req, { principal, params }) => {
  const id = z.string().uuid("id: not a case id").parse(params.id);
  await removeObservable(id, z.string().uuid("observableId: not an observable id").parse(params.observableId), actorOf(principal).name);
  return NextResponse.json({ removed: params.observableId });
});
