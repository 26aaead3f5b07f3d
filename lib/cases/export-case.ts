import type { LoadedCase } from "./cases";

export { caseMarkdown } from "./case-markdown";

/**
 * One CSV cell, always quoted. A cell that a spreadsheet would read as a formula — starting with
 * = + - @, or with TAB or CR, or with those after leading spaces — is prefixed with an apostrophe
 * (OWASP's CSV-injection advice), so it is shown as the text it is.
 */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return `"${(/^[\s\u00a0]*[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

export function caseJson(c: LoadedCase) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    severity: c.severity,
    status: c.status,
    assignee: c.assignee?.username ?? null,
    tags: c.tags,
    created_at: c.createdAt.toISOString(),
    alerts: c.alerts.map(({ alert: a }) => ({ id: a.id, rule: { id: a.ruleId, name: a.ruleName }, severity: a.severity, host: a.hostName, user: a.userName, command_line: a.commandLine, event_time: a.eventTimestamp.toISOString() })),
    observables: c.observables.map((o) => ({ type: o.type, value: o.value, source: o.source })),
    attack: c.attack,
    comments: c.comments.map((m) => ({ author: m.author, body: m.body, at: m.createdAt.toISOString() })),
    timeline: c.timeline.map((t) => ({ at: t.at.toISOString(), actor: t.actor, action: t.action, detail: t.detail })),
  };
}

/** Alerts and observables as CSV rows (kind column tells them apart). */
export function caseCsv(c: LoadedCase): string {
  const rows: unknown[][] = [["kind", "time", "rule_or_type", "severity", "host", "user", "value"]];
  for (const { alert: a } of c.alerts) rows.push(["alert", a.eventTimestamp.toISOString(), a.ruleName, a.severity, a.hostName, a.userName, a.commandLine]);
  for (const o of c.observables) rows.push(["observable", "", o.type, "", "", "", o.value]);
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
