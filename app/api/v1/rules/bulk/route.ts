// POST /api/v1/rules/bulk — { action: "enable" | "disable", ids: [...] } or { action, filter: { q?, tag?, severity?, enabled?, status? } } → { updated }. Admins.
import { ZRulesBulkUpdated } from "@/lib/api/responses/rules";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { bulkUpdateRules, ZRuleBulk } from "@/lib/rules/catalog/update-rules";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "admin", body: ZRuleBulk, audit: { action: "rule.bulk_update", target: "rule", id: () => null, changes: ({ body }, a) => ({ ...body, updated: a?.updated }) } }, async (_req, { body }) => {
  return respond(ZRulesBulkUpdated, { updated: await bulkUpdateRules(db(), body) });
});
