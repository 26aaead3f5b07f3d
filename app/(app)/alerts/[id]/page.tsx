import Link from "next/link";
import { LocalTime } from "@/components/common/local-time";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import { Checklist } from "@/components/alerts/checklist";
import { AddToCase } from "@/components/cases/add-to-case";
import { AddException } from "@/components/exceptions/add-exception";
import { FlagsMatched } from "@/components/alerts/flags-matched";
import { ProcessTreeView } from "@/components/alerts/process-tree-view";
import { TriageControls } from "@/components/alerts/triage-controls";
import type { StoredExplanation } from "@/lib/alerts/alert-from-hit";
import { guideFacts, type GuideFacts } from "@/lib/alerts/guide-facts";
import { stepFacts, type StepFacts } from "@/lib/alerts/step-facts";
import { parse } from "@/lib/eql/parser";
import { processTree } from "@/lib/alerts/process-tree";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { DOCUMENT_REF, eventDocuments } from "@/lib/events/event-documents";
import { parseGuide, type TThreat } from "@/lib/rules";
import { storedRule } from "@/lib/rules/catalog/rule-lookup";

export const dynamic = "force-dynamic";

/** The rule's query parsed, or null when this engine cannot read it (facts then come from the step's text alone). */
function safeParse(query: string) {
  try {
    return parse(query);
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The facts beside one investigation step: this alert's values of the step's fields, what the engine saw, related alerts. */
function StepFactsLine({ step, facts }: { step: StepFacts; facts: GuideFacts }) {
  if (step.facts.length === 0 && step.matched.length === 0 && !step.related) return null;
  return (
    <span className="fact" data-testid="step-facts">
      {step.facts.map((f) => (
        <span key={f.field} style={{ marginRight: 12 }}>
          {f.field}: <span className="mono">{f.value}</span>
          {f.note && <strong className={f.note.startsWith("a location") ? "error" : ""}> — {f.note}</strong>}
        </span>
      ))}
      {step.matched.length > 0 && <span className="muted"> · matched: {step.matched.join("; ")}</span>}
      {step.related &&
        (facts.related.length === 0 ? (
          <span> no other alerts for this user or host within ±24 h</span>
        ) : (
          <span>
            {" "}
            {facts.related.length} other alert(s) for this user or host within ±24 h:{" "}
            {facts.related.slice(0, 5).map((r) => (
              <Link key={r.id} href={`/alerts/${r.id}`} style={{ marginRight: 8 }}>
                {r.ruleName} ({r.userName ?? "?"}@{r.hostName ?? "?"})
              </Link>
            ))}
          </span>
        ))}
    </span>
  );
}

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const alert = await db().alert.findUnique({ where: { id }, include: { assignee: { select: { username: true, name: true } }, checklist: { include: { checkedBy: { select: { username: true, name: true } } } } } });
  if (!alert) notFound();
  const events = await db().event.findMany({ where: { id: { in: alert.eventIds } }, select: DOCUMENT_REF });
  const source = events.find((e) => e.id === alert.eventIds[alert.eventIds.length - 1]) ?? events[0];
  const stored = source ? (await eventDocuments([source])).get(source.id) : undefined;
  // The event as the rule read it (parents Vigil reconstructed included), else as stored.
  const read = (await db().alert.findUnique({ where: { id }, select: { sourceEvents: true } }))?.sourceEvents;
  const doc = (Array.isArray(read) ? (read[read.length - 1] as Record<string, unknown>) : null) ?? stored?.doc ?? null;
  const rule = await storedRule(db(), alert.ruleId);
  const guide = parseGuide(rule?.note ?? null, rule?.setup ?? null);
  const [tree, facts, openCases] = await Promise.all([
    source ? processTree(source.id) : null,
    guideFacts(alert, doc),
    db().case.findMany({ where: { status: { not: "closed" }, alerts: { none: { alertId: alert.id } } }, orderBy: { updatedAt: "desc" }, take: 50, select: { id: true, title: true } }),
  ]);
  const explanation = alert.explanation as unknown as StoredExplanation;
  const steps = stepFacts({ steps: guide.investigationSteps, explicit: rule?.stepFacts ?? null, query: rule ? safeParse(rule.query) : null, event: doc, explanation, reconstructed: alert.reconstructed });
  const threat = alert.threat as unknown as TThreat[];
  const canTriage = hasRole(user.role, "analyst");

  return (
    <>
      <p>
        <Link href="/alerts">← Alerts</Link>
      </p>
      <h1 data-testid="alert-title">{alert.ruleName}</h1>
      <p>
        <span className={`badge sev-${alert.severity}`}>{alert.severity}</span> <span className="badge">risk {alert.riskScore}</span>{" "}
        <span className="badge" data-testid="alert-status">
          {alert.status}
          {alert.closeReason ? ` · ${alert.closeReason}` : ""}
        </span>{" "}
        <span className="muted">
          {alert.userName ?? "?"}@{alert.hostName ?? "?"} · <LocalTime iso={alert.eventTimestamp.toISOString()} /> · assignee {alert.assignee?.username ?? "none"}
        </span>
      </p>
      {canTriage && <TriageControls alertId={alert.id} status={alert.status} assignee={alert.assignee?.username ?? null} />}
      {canTriage && <AddToCase alertId={alert.id} cases={openCases} />}
      {canTriage && (
        <AddException
          ruleId={alert.ruleId}
          ruleName={alert.ruleName}
          candidates={[
            { field: "user.name", value: alert.userName ?? "" },
            { field: "host.name", value: alert.hostName ?? "" },
            { field: "process.parent.executable", value: facts.parentExecutable ?? "" },
            { field: "process.executable", value: typeof (doc?.process as { executable?: unknown } | undefined)?.executable === "string" ? ((doc!.process as { executable: string }).executable) : "" },
          ].filter((c) => c.value !== "")}
        />
      )}

      <div className="grid2">
        <section className="card">
          <h2>Process tree</h2>
          {tree ? <ProcessTreeView root={tree} /> : <p className="muted">The source event is no longer stored.</p>}
        </section>
        <section className="card">
          <h2>Flags matched</h2>
          <FlagsMatched args={facts.args} explanation={explanation} />
          {alert.reconstructed.length > 0 && (
            <p className="fact" data-testid="reconstructed">
              Filled in by Vigil before detection (the source sent no such field): {alert.reconstructed.join(", ")} — from the parent process found by host, pid and time.
            </p>
          )}
        </section>
      </div>

      <section className="card">
        <h2>Investigation guide</h2>
        {guide.disclaimer && <p className="muted">Disclaimer: {guide.disclaimer}</p>}
        {guide.overview && <p>{guide.overview}</p>}
        <ol className="steps" data-testid="guide-steps">
          {guide.investigationSteps.map((s, i) => (
            <li key={i}>
              {s}
              <StepFactsLine step={steps[i]} facts={facts} />
            </li>
          ))}
        </ol>
        <details>
          <summary>False positive analysis</summary>
          <ul>
            {guide.falsePositiveAnalysis.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </details>
        <details>
          <summary>The rule&apos;s full guide</summary>
          <Markdown rehypePlugins={[rehypeSanitize]}>{rule?.note ?? ""}</Markdown>
        </details>
      </section>

      <section className="card">
        <h2>Response checklist</h2>
        <Checklist
          alertId={alert.id}
          steps={guide.responseSteps}
          canEdit={canTriage}
          initial={alert.checklist.map((c) => ({ step: c.step, checked_by: c.checkedBy?.username ?? c.checkedBy?.name ?? null, checked_at: c.checkedAt.toISOString() }))}
        />
      </section>

      <section className="card">
        <h2>MITRE ATT&amp;CK</h2>
        <ul>
          {threat.map((t) => (
            <li key={t.tactic.id}>
              <a href={t.tactic.reference} rel="noreferrer noopener" target="_blank">
                {t.tactic.id} {t.tactic.name}
              </a>
              <ul>
                {t.techniques.map((tech) => (
                  <li key={tech.id}>
                    <a href={tech.reference} rel="noreferrer noopener" target="_blank">
                      {tech.id} {tech.name}
                    </a>
                    {tech.subtechniques.map((s) => (
                      <span key={s.id}>
                        {" "}
                        ·{" "}
                        <a href={s.reference} rel="noreferrer noopener" target="_blank">
                          {s.id} {s.name}
                        </a>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2>Raw event</h2>
        <p className="muted">
          As the rules read it (ECS){source && source.source !== "ecs" ? <>, from the <code>{source.source}</code> source</> : null}.
        </p>
        <pre className="raw" data-testid="raw-event">{JSON.stringify(doc, null, 2)}</pre>
        {stored?.original ? (
          <details>
            <summary>As received, before normalizing</summary>
            <pre className="raw" data-testid="original-event">{JSON.stringify(stored.original, null, 2)}</pre>
          </details>
        ) : null}
      </section>
    </>
  );
}
