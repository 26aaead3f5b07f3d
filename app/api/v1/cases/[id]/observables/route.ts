// POST /api/v1/cases/{id}/observables — { type, value }: add an observable by hand. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { addObservable, ZNewObservable } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

export const POST = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const o = ZNewObservable.parse(await req.json().catch(() => ({})));
  return NextResponse.json({ observable: await addObservable(z.string().uuid("id: not a case id").parse(params.id), o, actorOf(principal).name) }, { status: 201 });
});
