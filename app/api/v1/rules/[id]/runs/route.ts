// GET /api/v1/rules/{id}/runs — the rule's back-fills, newest first, with their progress. Scope read.
import { ZRuleRuns } from "@/lib/api/responses/rule-runs";
import { idParams } from "@/lib/api/params";
import { respond, withRoute } from "@/lib/api/with-route";
import { ruleRuns } from "@/lib/rules/preview/backfill";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read", params: idParams("rule") }, async (_req, { params }) => {
  return respond(ZRuleRuns, { runs: await ruleRuns(params.id) });
});
