import Link from "next/link";
import { LocalTime } from "@/components/common/local-time";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import { CaseControls } from "@/components/cases/case-controls";
import { CaseDetailsForm } from "@/components/cases/case-details-form";
import { ObservablesEditor } from "@/components/cases/observables-editor";
import { PushCase } from "@/components/cases/push-case";
import { db } from "@/lib/db/client";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { loadCase } from "@/lib/cases/cases";

export const dynamic = "force-dynamic";

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const c = await loadCase(id);
  if (!c) notFound();
  const [connectors, pushes] = await Promise.all([
    db().connector.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } }),
    db().casePush.findMany({ where: { caseId: c.id }, orderBy: { at: "desc" }, take: 20, include: { connector: { select: { name: true } } } }),
  ]);
  return (
    <>
      <p>
        <Link href="/cases">← Cases</Link>
      </p>
      <h1 data-testid="case-title">{c.title}</h1>
      <p>
        <span className={`badge sev-${c.severity}`}>{c.severity}</span> <span className="badge" data-testid="case-status">{c.status}</span>{" "}
        <span className="muted">
          assignee {c.assignee?.username ?? "none"} · tags {c.tags.join(", ") || "none"} · opened by {c.createdBy} <LocalTime iso={c.createdAt.toISOString()} />
        </span>
      </p>
      <p>
        Download: <a href={`/api/v1/cases/${c.id}/export?format=md`} data-testid="download-md">Markdown</a> · <a href={`/api/v1/cases/${c.id}/export?format=json`}>JSON</a> ·{" "}
        <a href={`/api/v1/cases/${c.id}/export?format=csv`}>CSV</a>
      </p>
      {hasRole(user.role, "analyst") && <CaseDetailsForm caseId={c.id} title={c.title} description={c.description} severity={c.severity} tags={c.tags} />}
      {hasRole(user.role, "analyst") && <CaseControls caseId={c.id} status={c.status} />}
      <section className="card">
        <h2>Ticketing</h2>
        {c.externalId ? (
          <p data-testid="external-link">
            Ticket{" "}
            {c.externalUrl ? (
              <a href={c.externalUrl} rel="noreferrer noopener" target="_blank">
                {c.externalId}
              </a>
            ) : (
              c.externalId
            )}{" "}
            <span className="muted">last pushed {c.lastPushedAt && <LocalTime iso={c.lastPushedAt.toISOString()} />}</span>
          </p>
        ) : (
          <p className="muted">Not pushed yet.</p>
        )}
        {hasRole(user.role, "analyst") && <PushCase caseId={c.id} connectors={connectors} />}
        {pushes.length > 0 && (
          <ul data-testid="pushes">
            {pushes.map((p) => (
              <li key={p.id}>
                <LocalTime iso={p.at.toISOString()} /> · {p.actor} · {p.connector.name} · {p.result}
                {p.error ? ` — ${p.error}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>Description</h2>
        <Markdown rehypePlugins={[rehypeSanitize]}>{c.description || "_No description._"}</Markdown>
      </section>
      <div className="grid2">
        <section className="card">
          <h2>Alerts ({c.alerts.length})</h2>
          <ul data-testid="case-alerts">
            {c.alerts.map(({ alert: a }) => (
              <li key={a.id}>
                <Link href={`/alerts/${a.id}`}>{a.ruleName}</Link> <span className="muted">{a.userName ?? "?"}@{a.hostName ?? "?"} · <LocalTime iso={a.eventTimestamp.toISOString()} /></span>
              </li>
            ))}
          </ul>
          <h2>MITRE ATT&amp;CK</h2>
          <p>
            {c.attack.tactics.map((t) => `${t.id} ${t.name}`).join(" · ")}
            <br />
            {c.attack.techniques.map((t) => `${t.id} ${t.name}`).join(" · ")}
          </p>
        </section>
        <section className="card">
          <h2>Observables</h2>
          <ObservablesEditor caseId={c.id} observables={c.observables} canEdit={hasRole(user.role, "analyst")} />
        </section>
      </div>
      <section className="card">
        <h2>Comments</h2>
        {c.comments.map((m) => (
          <div key={m.id} className="fact" data-testid="comment">
            <strong>{m.author}</strong> <span className="muted"><LocalTime iso={m.createdAt.toISOString()} /></span>
            <Markdown rehypePlugins={[rehypeSanitize]}>{m.body}</Markdown>
          </div>
        ))}
      </section>
      <section className="card">
        <h2>Timeline</h2>
        <ul data-testid="timeline">
          {c.timeline.map((t) => (
            <li key={t.id}>
              <LocalTime iso={t.at.toISOString()} /> · {t.actor} · {t.action.replace("_", " ")}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
