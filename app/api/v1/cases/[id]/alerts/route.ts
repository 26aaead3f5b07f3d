// POST /api/v1/cases/{id}/alerts — { alertIds }: add alerts to the case. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { addAlertsToCase } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

const ZBody = z.object({ alertIds: z.array(z.string().uuid()).min(1).max(1000) }).strict();

export const POST = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const { alertIds } = ZBody.parse(await req.json().catch(() => ({})));
  const added = await addAlertsToCase(z.string().uuid("id: not a case id").parse(params.id), alertIds, actorOf(principal).name);
  return NextResponse.json({ added });
});
