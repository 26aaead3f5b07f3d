// POST /api/v1/rules/{id}/run — { from, to? }: back-fill, a background job creating the alerts the
// rule finds in the stored events of that range (idempotent, after exceptions, under the cap) → 202 { run }. Admins.
import { z } from "zod";
import { ZRuleRunStarted } from "@/lib/api/responses/rule-runs";
import { idParams } from "@/lib/api/params";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { startBackfill } from "@/lib/rules/preview/backfill";

export const dynamic = "force-dynamic";

const ZRun = z
  .object({ from: z.coerce.date({ message: "from must be a date" }), to: z.coerce.date({ message: "to must be a date" }).optional() })
  .strict()
  .refine((r) => !r.to || r.to > r.from, "to must be after from");

export const POST = withRoute({ role: "admin", params: idParams("rule"), body: ZRun, audit: { action: "rule.backfill", target: "rule" } }, async (_req, { params, body, principal }) => {
  const { run } = await startBackfill(params.id, { from: body.from, to: body.to ?? new Date() }, actorOf(principal).name);
  return respond(ZRuleRunStarted, { run }, 202);
});
