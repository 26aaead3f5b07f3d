import { ExceptionsList, type ExceptionRow } from "@/components/exceptions/exceptions-list";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { listExceptions, ZExceptionFilters } from "@/lib/exceptions/list-exceptions";
import { db } from "@/lib/db/client";
import { ruleNames } from "@/lib/rules/catalog/rule-lookup";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function ExceptionsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const sp = await searchParams;
  const parsed = ZExceptionFilters.safeParse(Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, one(v)]).filter(([, v]) => v !== undefined)));
  const filters = parsed.success ? parsed.data : {};
  const items = await listExceptions(filters);
  const names = await ruleNames(db(), items.flatMap((r) => (r.ruleId ? [r.ruleId] : [])));
  const list: ExceptionRow[] = items.map((r) => ({
    id: r.id,
    rule: r.ruleId ? (names.get(r.ruleId) ?? r.ruleId) : "all rules",
    entries: r.entries,
    comment: r.comment,
    enabled: r.enabled,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    expired: r.expired,
    author: r.author,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    suppressedCount: r.suppressedCount,
    lastSuppressedAt: r.lastSuppressedAt?.toISOString() ?? null,
    invalidReason: r.invalidReason,
  }));
  return (
    <>
      <h1>Exceptions</h1>
      <form className="filters" action="/exceptions" method="get">
        <label>
          Rule id <input name="rule" defaultValue={filters.rule ?? ""} />
        </label>
        <label>
          Field <input name="field" defaultValue={filters.field ?? ""} />
        </label>
        <label>
          Value <input name="value" defaultValue={filters.value ?? ""} />
        </label>
        <label>
          Expired
          <select name="expired" defaultValue={filters.expired ?? ""}>
            <option value="">any</option>
            <option value="false">in force</option>
            <option value="true">expired</option>
          </select>
        </label>
        <label>
          Author <input name="author" defaultValue={filters.author ?? ""} />
        </label>
        <button type="submit">Apply</button>
      </form>
      <ExceptionsList rows={list} canEdit={hasRole(user.role, "analyst")} />
    </>
  );
}
