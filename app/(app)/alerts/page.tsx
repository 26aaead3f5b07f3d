import { AlertsView } from "@/components/alerts/alerts-view";
import { alertJson, countAlertsByStatus, listAlerts, ZAlertQuery } from "@/lib/alerts";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { ruleNames } from "@/lib/rules/catalog/rule-lookup";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZAlertQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZAlertQuery.parse({});
  const [{ alerts, next_cursor }, counts, suppressed] = await Promise.all([
    listAlerts(query),
    countAlertsByStatus(query),
    // Matches over a rule's cap per 5-minute window are counted, not stored: show them.
    db().ruleWindow.groupBy({ by: ["ruleId"], where: { suppressed: { gt: 0 }, windowStart: { gte: new Date(Date.now() - 24 * 3600_000) } }, _sum: { suppressed: true } }),
  ]);
  const names = await ruleNames(db(), suppressed.map((s) => s.ruleId));
  return (
    <>
      <h1>Alerts</h1>
      {suppressed.map((s) => (
        <p key={s.ruleId} className="error" data-testid="suppressed">
          {s._sum.suppressed} match(es) of “{names.get(s.ruleId) ?? s.ruleId}” were over its cap of alerts per 5 minutes in the last 24 h and were counted, not stored.
        </p>
      ))}
      {!parsed.success && <p className="error">Ignored invalid filters: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}</p>}
      <AlertsView
        rows={alerts.map(alertJson)}
        nextCursor={next_cursor}
        counts={counts}
        params={raw as Record<string, string>}
        canTriage={hasRole(user.role, "analyst")}
      />
    </>
  );
}
