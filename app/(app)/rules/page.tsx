import { RulesView } from "@/components/rules/rules-view";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listRules, ZRuleListQuery } from "@/lib/rules/catalog/list-rules";
import { ruleTags } from "@/lib/rules/catalog/rule-tags";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function RulesPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const sp = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, one(v)])
      .filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const parsed = ZRuleListQuery.safeParse(sp);
  const query = parsed.success ? parsed.data : ZRuleListQuery.parse({});
  const [page, tags] = await Promise.all([listRules(db(), query), ruleTags(db())]);
  const rows = page.rules.map((r) => ({ ...r, last_match_at: r.last_match_at?.toISOString() ?? null }));
  return (
    <>
      <h1>Rules</h1>
      <RulesView rows={rows} total={page.total} nextCursor={page.next_cursor} params={sp} tags={tags} canAdmin={hasRole(user.role, "admin")} invalidFilter={parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")} />
    </>
  );
}
