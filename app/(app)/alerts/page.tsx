import { AlertsView } from "@/components/alerts/alerts-view";
import { alertJson, countAlertsByStatus, listAlerts, ZAlertQuery } from "@/lib/alerts";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZAlertQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZAlertQuery.parse({});
  const [{ alerts, next_cursor }, counts] = await Promise.all([listAlerts(query), countAlertsByStatus(query)]);
  return (
    <>
      <h1>Alerts</h1>
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
