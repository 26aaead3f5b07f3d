/**
 * The other direction of status sync: a case closed in Vigil closes its tickets in the systems that
 * let Vigil do so (Jira by a transition to a done status, ServiceNow as resolved with its resolution
 * code, DFIR-IRIS as closed, a TheHive alert with a Closed-stage status unless it was imported into a
 * TheHive case). Webhooks have no tickets to close. Each outcome goes into the case's timeline; a
 * ticket that cannot be closed never undoes the case's closing.
 */
import { db } from "../db/client";
import { connectorDriver } from "./open-connector";
import { latestTicketPushes } from "./ticket-pushes";

export async function closeTickets(caseId: string, actor: string, baseUrl: string): Promise<{ closed: string[]; failed: string[]; left: string[] }> {
  const out = { closed: [] as string[], failed: [] as string[], left: [] as string[] };
  const pushes = await latestTicketPushes({ caseId });
  for (const push of pushes) {
    const target = connectorDriver(push.connector);
    if (!target?.driver.close) continue;
    const note = `Closed in Vigil by ${actor}: ${baseUrl}/cases/${caseId}`;
    try {
      const { config, secret } = target.settings();
      const outcome = await target.driver.close(push.externalId!, note, config, secret);
      if (outcome?.skipped) {
        out.left.push(push.connector.name);
        await db().caseTimeline.create({ data: { caseId, actor, action: "ticket_left_open", detail: { connector: push.connector.name, ticket: push.externalId, reason: outcome.skipped.slice(0, 200) } } });
        continue;
      }
      out.closed.push(push.connector.name);
      await db().caseTimeline.create({ data: { caseId, actor, action: "ticket_closed", detail: { connector: push.connector.name, ticket: push.externalId } } });
    } catch (err) {
      out.failed.push(push.connector.name);
      await db().caseTimeline.create({ data: { caseId, actor, action: "ticket_close_failed", detail: { connector: push.connector.name, ticket: push.externalId, reason: (err as Error).message.slice(0, 200) } } });
    }
  }
  return out;
}
