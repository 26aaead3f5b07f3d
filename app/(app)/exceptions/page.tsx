import { ExceptionsList, type ExceptionRow } from "@/components/exceptions/exceptions-list";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { builtinRules } from "@/lib/rules";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function ExceptionsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const sp = await searchParams;
  const filters = { rule: one(sp.rule), field: one(sp.field), value: one(sp.value), expired: one(sp.expired), author: one(sp.author) };
  const now = new Date();
  const rows = await db().exceptionItem.findMany({
    where: {
      ...(filters.rule ? { ruleId: filters.rule } : {}),
      ...(filters.expired === "true" ? { expiresAt: { lte: now } } : filters.expired === "false" ? { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : {}),
      ...(filters.author ? { author: { username: filters.author.toLowerCase() } } : {}),
    },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { username: true } } },
  });
  const names = new Map(builtinRules().map((r) => [r.id, r.name]));
  const list: ExceptionRow[] = rows
    .map((r) => ({
      id: r.id,
      rule: r.ruleId ? (names.get(r.ruleId) ?? r.ruleId) : "all rules",
      entries: r.entries as ExceptionRow["entries"],
      comment: r.comment,
      enabled: r.enabled,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      expired: r.expiresAt !== null && r.expiresAt <= now,
      author: r.author?.username ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      suppressedCount: r.suppressedCount,
      lastSuppressedAt: r.lastSuppressedAt?.toISOString() ?? null,
    }))
    .filter((r) => (!filters.field || r.entries.some((e) => e.field === filters.field)) && (!filters.value || r.entries.some((e) => e.values.some((v) => v.toLowerCase().includes(filters.value!.toLowerCase())))));
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
