import Link from "next/link";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import { RuleControls } from "@/components/rules/rule-controls";
import { RulePreview } from "@/components/rules/rule-preview";
import { RuleActionsEditor } from "@/components/rules/rule-actions-editor";
import { MatchSparkline } from "@/components/rules/match-sparkline";
import { LocalTime } from "@/components/common/local-time";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/api/app-error";
import { db } from "@/lib/db/client";
import { EqlError } from "@/lib/eql/errors";
import { compileRule, ZRule, type TThreat } from "@/lib/rules";
import { ruleDetail } from "@/lib/rules/catalog/rule-detail";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The engine's diagnostic for a stored query, with the caret under the column (null: it compiles). */
function diagnostic(definition: unknown): string | null {
  try {
    compileRule(ZRule.parse(definition));
    return null;
  } catch (err) {
    return err instanceof EqlError ? `${err.line}:${err.column} ${err.reason}\n${err.excerpt}` : (err as Error).message;
  }
}

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const rule = await ruleDetail(db(), id).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const [alerts, exceptions] = await Promise.all([
    db().alert.findMany({ where: { ruleId: rule.rule_id }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, createdAt: true, hostName: true, userName: true, status: true, commandLine: true } }),
    db().exceptionItem.findMany({ where: { OR: [{ ruleId: rule.rule_id }, { ruleId: null }] }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const problem = diagnostic(rule.definition);
  const threat = rule.threat as TThreat[];

  return (
    <>
      <p>
        <Link href="/rules">← Rules</Link>
      </p>
      <h1 data-testid="rule-title">{rule.name}</h1>
      <p>
        <span className={`badge sev-${rule.severity}`}>{rule.severity}</span> <span className="badge">risk {rule.risk_score}</span> <span className="badge" data-testid="rule-enabled">{rule.enabled ? "enabled" : "disabled"}</span>{" "}
        <span className={`badge ${rule.status === "failed" ? "badge-danger" : rule.status === "gap" ? "badge-warning" : ""}`}>{rule.status}</span>{" "}
        <span className="muted">
          {rule.rule_id} · version {rule.version} · {rule.origin}
          {rule.source_file ? ` · ${rule.source_file}` : ""} · runs at ingest (interval {rule.interval}, look-back {rule.from}, at most {rule.max_signals} alerts per 5 min)
        </span>
      </p>
      {hasRole(user.role, "admin") && <RuleControls id={rule.id} enabled={rule.enabled} failed={rule.status === "failed"} severityOverride={rule.severity_override} riskOverride={rule.risk_score_override} />}
      <p>{rule.description}</p>
      {hasRole(user.role, "analyst") && rule.status !== "failed" && <RulePreview id={rule.id} canRun={hasRole(user.role, "admin")} gap={rule.status === "gap" ? rule.gap : null} />}

      <div className="grid2">
        <section className="card">
          <h2>Query ({rule.language})</h2>
          <pre className="query" data-testid="rule-query">{rule.query}</pre>
          {problem ? (
            <pre className="error mono" data-testid="rule-diagnostic">{problem}</pre>
          ) : (
            <p className="muted small" data-testid="rule-diagnostic">Compiles with Vigil&apos;s engine.</p>
          )}
          <h2>Index patterns</h2>
          <p className="mono">{rule.index.length ? rule.index.join(", ") : "every index"}</p>
          <h2>Activity</h2>
          <p>
            {rule.alerts_24h} alert(s) in the last 24 h, {rule.alerts_total} in all; last {rule.last_match_at ? <LocalTime iso={rule.last_match_at.toISOString()} /> : "never"}.
            {rule.over_cap_24h > 0 && <strong className="error"> {rule.over_cap_24h} match(es) over the cap in 24 h were counted, not stored.</strong>}
          </p>
          <MatchSparkline hours={rule.matches_by_hour} />
          <table className="grid dense" data-testid="rule-alerts">
            <thead>
              <tr>
                <th>Created</th>
                <th>Host</th>
                <th>User</th>
                <th>Command line</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/alerts/${a.id}`}>
                      <LocalTime iso={a.createdAt.toISOString()} />
                    </Link>
                  </td>
                  <td>{a.hostName}</td>
                  <td>{a.userName}</td>
                  <td className="mono">{a.commandLine}</td>
                  <td>{a.status}</td>
                </tr>
              ))}
              {alerts.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No alerts yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>MITRE ATT&amp;CK</h2>
          <ul>
            {threat.map((t) => (
              <li key={t.tactic.id}>
                {t.tactic.name} ({t.tactic.id}): {t.techniques.map((x) => `${x.name} (${x.id})${x.subtechniques.length ? ` — ${x.subtechniques.map((s) => `${s.name} (${s.id})`).join(", ")}` : ""}`).join("; ") || "no technique"}
              </li>
            ))}
            {threat.length === 0 && <li className="muted">none</li>}
          </ul>
          <h2>Tags</h2>
          <p>
            {rule.tags.map((t) => (
              <Link key={t} href={`/rules?tag=${encodeURIComponent(t)}`} className="badge" style={{ marginRight: 4 }}>
                {t}
              </Link>
            ))}
          </p>
          {rule.setup && (
            <details data-testid="rule-setup">
              <summary>
                <strong>Setup</strong>
              </summary>
              <Markdown rehypePlugins={[rehypeSanitize]}>{rule.setup}</Markdown>
            </details>
          )}
          <h2>False positives</h2>
          <ul>
            {rule.false_positives.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
            {rule.false_positives.length === 0 && <li className="muted">none noted</li>}
          </ul>
          <h2>Exceptions</h2>
          <ul data-testid="rule-exceptions">
            {exceptions.map((x) => (
              <li key={x.id}>
                {x.ruleId ? "" : "(all rules) "}
                {x.comment} {x.enabled ? "" : "(disabled)"} · silenced {x.suppressedCount}
              </li>
            ))}
            {exceptions.length === 0 && <li className="muted">none</li>}
          </ul>
          <p>
            <Link href={`/exceptions?rule=${encodeURIComponent(rule.rule_id)}`}>Manage exceptions</Link>
          </p>
          {rule.references.length > 0 && (
            <>
              <h2>References</h2>
              <ul>
                {rule.references.map((r) => (
                  <li key={r} className="mono small">
                    {r}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      {hasRole(user.role, "analyst") && (
        <RuleActionsEditor
          id={rule.id}
          initial={rule.actions}
          canEdit={hasRole(user.role, "admin")}
          state={rule.action_state && { ...rule.action_state, last_sent_at: rule.action_state.last_sent_at?.toISOString() ?? null, last_error_at: rule.action_state.last_error_at?.toISOString() ?? null }}
        />
      )}
      {rule.note && (
        <section className="card">
          <details>
            <summary>
              <strong>Investigation guide</strong>
            </summary>
            <Markdown rehypePlugins={[rehypeSanitize]}>{rule.note}</Markdown>
          </details>
        </section>
      )}
    </>
  );
}
