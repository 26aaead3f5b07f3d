// POST /api/v1/rules/preview — { rule: id } or { query, index? }, with { from, to?, limit? } → the
// matches it would raise over the stored events of that range (first page, with the engine's
// explanation), their count, the events scanned and the time taken. Reads only. Analysts and admins.
import { ZRulePreview } from "@/lib/api/responses/rule-runs";
import { respond, withRoute } from "@/lib/api/with-route";
import { previewRule, ZPreviewRequest } from "@/lib/rules/preview/preview-rule";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "analyst", scope: "read", body: ZPreviewRequest, audit: null }, async (_req, { body }) => {
  return respond(ZRulePreview, await previewRule(body));
});
