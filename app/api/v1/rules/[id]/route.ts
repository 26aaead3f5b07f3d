// GET /api/v1/rules/{id} — one rule with its definition. Scope read.
// PATCH /api/v1/rules/{id} — { enabled?, severity?, risk_score? } (null clears an override). Admins.
import { ZRuleDetail, ZRuleUpdated } from "@/lib/api/responses/rules";
import { idParams } from "@/lib/api/params";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { ruleSummary } from "@/lib/rules/catalog/list-rules";
import { ruleDetail } from "@/lib/rules/catalog/rule-detail";
import { updateRule, ZRulePatch } from "@/lib/rules/catalog/update-rules";

export const dynamic = "force-dynamic";

const ZParams = idParams("rule");

export const GET = withRoute({ role: "viewer", scope: "read", params: ZParams }, async (_req, { params }) => {
  return respond(ZRuleDetail, { rule: await ruleDetail(db(), params.id) });
});

export const PATCH = withRoute({ role: "admin", params: ZParams, body: ZRulePatch, audit: { action: "rule.update", target: "rule" } }, async (_req, { params, body }) => {
  return respond(ZRuleUpdated, { rule: ruleSummary(await updateRule(db(), params.id, body)) });
});
