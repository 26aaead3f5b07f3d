/**
 * Two-way in the direction analysts need most: a ticket resolved or closed in Jira, ServiceNow,
 * TheHive or DFIR-IRIS closes its case in Vigil, with who and when (as the ticketing system says)
 * in the case's timeline and the audit log. Each connector's API is polled on a schedule
 * (VIGIL_TICKET_SYNC_INTERVAL_MS); a connector that fails is left alone for a growing while
 * (1, 2, 4 … up to 60 intervals) so a system that is down is not hammered and does not hold up the others.
 */
import { recordAudit } from "../audit/audit-log";
import { config } from "../config";
import { db } from "../db/client";
import type { TicketStatus } from "./drivers/driver";
import { connectorDriver } from "./open-connector";
import { latestTicketPushes } from "./ticket-pushes";
import { startPeriodicTask } from "../scheduling/periodic-task";

const backoff = new Map<string, { failures: number; until: number }>();

export interface SyncResult {
  checked: number;
  closed: number;
  failed: number;
}

/** Checks the ticket of every case that is not closed, on each connector it was pushed to (or on one: a signed notification); closes the cases whose ticket is closed. */
export async function syncTicketStatuses(intervalMs = config().VIGIL_TICKET_SYNC_INTERVAL_MS, now = Date.now(), connectorId?: string): Promise<SyncResult> {
  const result: SyncResult = { checked: 0, closed: 0, failed: 0 };
  // The latest successful push per case and connector names that connector's ticket.
  const pushes = await latestTicketPushes({ case: { status: { not: "closed" } }, ...(connectorId ? { connectorId } : {}) });
  for (const push of pushes) {
    const { connector } = push;
    const target = connectorDriver(connector);
    if (!target?.driver.status) continue;
    const held = backoff.get(connector.id);
    if (held && now < held.until) continue;
    let status: TicketStatus;
    try {
      const { config, secret } = target.settings();
      status = await target.driver.status(push.externalId!, config, secret);
      backoff.delete(connector.id);
    } catch (err) {
      const failures = (held?.failures ?? 0) + 1;
      backoff.set(connector.id, { failures, until: now + Math.min(60, 2 ** (failures - 1)) * intervalMs });
      console.warn(`vigil: ticket sync with ${connector.name} failed (${failures} in a row): ${(err as Error).message}`);
      result.failed++;
      continue;
    }
    result.checked++;
    if (status.closed && (await closeFromTicket(push.caseId, connector.name, push.externalId!, status))) result.closed++;
  }
  return result;
}

/** Closes the case (once: a case closed meanwhile is left as it is), recording who closed the ticket and when. */
async function closeFromTicket(caseId: string, connectorName: string, externalId: string, status: TicketStatus): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const closed = await tx.case.updateMany({ where: { id: caseId, status: { not: "closed" } }, data: { status: "closed" } });
    if (closed.count === 0) return false;
    const detail = { connector: connectorName, ticket: externalId, state: status.state, by: status.by ?? null, at: status.at?.toISOString() ?? null };
    const actor = `${connectorName}${status.by ? `: ${status.by}` : ""}`;
    await tx.caseTimeline.create({ data: { caseId, actor, action: "closed_in_ticket", detail, ...(status.at ? { at: status.at } : {}) } });
    await recordAudit({ kind: "system", id: null, name: `ticket sync (${actor})` }, { action: "case.close_from_ticket", targetType: "case", targetId: caseId, changes: { status: "closed", ...detail } }, tx);
    return true;
  });
}

/** Syncs now and then every `everyMs` in this process (0: never); returns a stop function. */
export function startTicketSyncLoop(everyMs = config().VIGIL_TICKET_SYNC_INTERVAL_MS): () => void {
  if (everyMs === 0) return () => undefined;
  return startPeriodicTask("ticket sync", everyMs, 15_000, async () => {
    const r = await syncTicketStatuses(everyMs);
    if (r.closed) console.log(`vigil: ticket sync closed ${r.closed} case(s) whose ticket was closed`);
  });
}

/** Forgets the backoff (tests). */
export function resetTicketSyncBackoff(): void {
  backoff.clear();
}
