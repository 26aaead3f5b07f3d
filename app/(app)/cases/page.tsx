import Link from "next/link";
import { LocalTime } from "@/components/common/local-time";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function CasesPage() {
  await requireUser();
  const cases = await db().case.findMany({ orderBy: { createdAt: "desc" }, take: 200, include: { _count: { select: { alerts: true } }, assignee: { select: { username: true } } } });
  return (
    <>
      <h1>Cases</h1>
      <table className="grid" data-testid="cases">
        <thead>
          <tr>
            <th>Created</th>
            <th>Title</th>
            <th>Severity</th>
            <th>Status</th>
            <th>Alerts</th>
            <th>Assignee</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <td><LocalTime iso={c.createdAt.toISOString()} /></td>
              <td>
                <Link href={`/cases/${c.id}`}>{c.title}</Link>
              </td>
              <td className={`sev-${c.severity}`}>{c.severity}</td>
              <td>{c.status}</td>
              <td>{c._count.alerts}</td>
              <td>{c.assignee?.username ?? ""}</td>
            </tr>
          ))}
          {cases.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No cases yet: select alerts in the alert list and create one.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
