// POST /api/v1/cases/{id}/comments — { body } (markdown). Analysts and admins.
import { z } from "zod";
import { idParams } from "@/lib/api/params";
import { ZCommentAdded } from "@/lib/api/responses/cases";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { addComment } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

const ZBody = z.object({ body: z.string().trim().min(1, "body: write something").max(50_000) }).strict();

export const POST = withRoute({ role: "analyst", audit: { action: "case.comment", target: "case" }, params: idParams("case"), body: ZBody }, async (_req, { principal, params, body: { body } }) => {
  const comment = await addComment(params.id, body, actorOf(principal).name);
  return respond(ZCommentAdded, { comment }, 201);
});
