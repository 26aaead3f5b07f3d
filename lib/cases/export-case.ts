import type { LoadedCase } from "./cases";

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // Quote always; a leading = + - @ would be read as a formula by spreadsheets.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The case as Markdown, for a ticket or a report. */
export function caseMarkdown(c: LoadedCase, link: string): string {
  const lines = [
    `# ${c.title}`,
    "",
    `- Severity: ${c.severity}`,
    `- Status: ${c.status}`,
    `- Assignee: ${c.assignee?.username ?? "none"}`,
    `- Tags: ${c.tags.join(", ") || "none"}`,
    `- Link: ${link}`,
    "",
    c.description || "_No description._",
    "",
    "## Alerts",
    "",
    ...c.alerts.map(({ alert: a }) => `- ${a.eventTimestamp.toISOString()} — ${a.ruleName} (${a.severity}, risk ${a.riskScore}) — ${a.userName ?? "?"}@${a.hostName ?? "?"} — \`${(a.commandLine ?? "").replace(/`/g, "'")}\``),
    "",
    "## Observables",
    "",
    ...c.observables.map((o) => `- ${o.type}: \`${o.value.replace(/`/g, "'")}\``),
    "",
    "## MITRE ATT&CK",
    "",
    ...c.attack.tactics.map((t) => `- Tactic ${t.id} ${t.name}`),
    ...c.attack.techniques.map((t) => `- Technique ${t.id} ${t.name}`),
    "",
    "## Comments",
    "",
    ...(c.comments.length ? c.comments.map((m) => `- ${m.createdAt.toISOString()} ${m.author}: ${m.body}`) : ["_None._"]),
    "",
  ];
  return lines.join("\n");
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
