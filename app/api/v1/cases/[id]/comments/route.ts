// POST /api/v1/cases/{id}/comments — { body } (markdown). Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { addComment } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

const ZBody = z.object({ body: z.string().trim().min(1, "body: write something").max(50_000) }).strict();

export const POST = withRoute<{ id: string }>({ role: "analyst" }, async (req, { principal, params }) => {
  const { body } = ZBody.parse(await req.json().catch(() => ({})));
  const comment = await addComment(z.string().uuid("id: not a case id").parse(params.id), body, actorOf(principal).name);
  return NextResponse.json({ comment }, { status: 201 });
});
