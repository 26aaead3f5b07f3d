import type { AlertRecord } from "../db/client";

/** The public JSON shape of an alert (API v1). */
export function alertJson(a: AlertRecord & { assignee?: { id: string; username: string | null; name: string } | null }) {
  return {
    id: a.id,
    rule: { id: a.ruleId, name: a.ruleName, severity: a.severity, risk_score: a.riskScore, version: a.ruleVersion, threat: a.threat },
    status: a.status,
    close_reason: a.closeReason,
    assignee: a.assignee ? { id: a.assignee.id, username: a.assignee.username ?? a.assignee.name } : null,
    host: a.hostName,
    user: a.userName,
    process: { name: a.processName, entity_id: a.processEntityId, command_line: a.commandLine },
    event_ids: a.eventIds,
    event_time: a.eventTimestamp.toISOString(),
    explanation: a.explanation,
    reconstructed: a.reconstructed,
    /** Matches held back on this alert (alert suppression, or over the rule's cap), with their first and last time. */
    suppressed: { count: a.suppressedCount, first: a.suppressedFirstAt?.toISOString() ?? null, last: a.suppressedLastAt?.toISOString() ?? null },
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}
