// GET /api/v1/rules — the rule catalogue (filters q, tag, severity, enabled, status; keyset cursor, limit). Scope read.
import { ZRuleList } from "@/lib/api/responses/rules";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { listRules, ZRuleListQuery } from "@/lib/rules/catalog/list-rules";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read", query: ZRuleListQuery }, async (_req, { query }) => {
  return respond(ZRuleList, await listRules(db(), query));
});
