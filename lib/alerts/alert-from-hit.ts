import type { DetectionHit } from "../detect";
import { formatCondition, type EqlEvent } from "../eql";
import { eventTime, normalizeEvent, storedIdOf } from "../ingest/normalize-event";
import { reconstructedFields } from "../ingest/normalize/reconstruct-parents";

/** The explanation as stored: per source event, the conditions with a one-line summary. */
export type StoredExplanation = { field: string | null; value: unknown; op: string; pattern: unknown; text: string; summary: string }[][];

/** The alert row for a detection hit (before status and assignee, which triage sets). */
export function alertFromHit(hit: DetectionHit) {
  const events = hit.events.filter((e): e is EqlEvent => e !== null);
  const eventIds = events.map((e) => storedIdOf(e as Record<string, unknown>));
  const last = normalizeEvent(events[events.length - 1] as Record<string, unknown>, () => eventIds[eventIds.length - 1]);
  const explanation: StoredExplanation = hit.explanation.map((conds) =>
    conds.map((c) => ({ field: c.field, value: c.value, op: c.op, pattern: c.pattern ?? null, text: c.text, summary: formatCondition(c) })),
  );
  return {
    dedupeKey: `${hit.rule.id}:${eventIds.join(",")}`,
    ruleId: hit.rule.id,
    ruleName: hit.rule.name,
    ruleVersion: hit.rule.version,
    severity: hit.rule.severity,
    riskScore: hit.rule.riskScore,
    threat: hit.rule.threat,
    eventIds,
    eventTimestamp: last.timestamp,
    hostName: last.hostName,
    userName: last.userName,
    processName: last.processName,
    processEntityId: last.processEntityId,
    commandLine: last.commandLine,
    explanation,
    reconstructed: [...new Set(events.flatMap(reconstructedFields))],
    sourceEvents: events,
  };
}

/** A hit waiting for the alert writer: its time now, its alert row only if it is to become one (under the cap). */
export function pendingAlert(hit: DetectionHit): { at: Date; row: () => ReturnType<typeof alertFromHit> } {
  return { at: hitTime(hit), row: () => alertFromHit(hit) };
}

/** When a hit's last source event happened: its alert's event time. */
function hitTime(hit: DetectionHit): Date {
  for (let i = hit.events.length - 1; i >= 0; i--) {
    const e = hit.events[i];
    if (e) return eventTime(e as Record<string, unknown>);
  }
  return new Date(NaN);
}
