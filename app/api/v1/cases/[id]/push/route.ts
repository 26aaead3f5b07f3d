// POST /api/v1/cases/{id}/push — { connectorId }: create or update the case's ticket. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { pushCase } from "@/lib/connectors/push-case";

export const dynamic = "force-dynamic";

const ZBody = z.object({ connectorId: z.string().uuid("connectorId: not a connector id") }).strict();

export const POST = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const { connectorId } = ZBody.parse(await req.json().catch(() => ({})));
  const base = process.env.VIGIL_URL ?? new URL(req.url).origin;
  return NextResponse.json(await pushCase(z.string().uuid("id: not a case id").parse(params.id), connectorId, actorOf(principal).name, base));
});
