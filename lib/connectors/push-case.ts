/**
 * Pushing a case to a connector: idempotent (each connector's ticket is known from the case's push
 * history, so a case pushed to several connectors keeps one ticket in each; pushing again updates
 * it and sends the comments added since the last successful push there), recorded
 * (every attempt: who, when, result, error text), and harmless when it fails (the case is
 * unchanged; retrying is safe).
 */
import { AppError } from "../api/app-error";
import { loadCase } from "../cases/cases";
import { db } from "../db/client";
import { CreatedButIncomplete } from "./drivers/driver";
import { connectorDriver } from "./open-connector";
import { REACHED_TICKET } from "./ticket-pushes";

export async function pushCase(caseId: string, connectorId: string, actor: string, baseUrl: string) {
  const c = await loadCase(caseId);
  if (!c) throw new AppError("not_found", "no such case");
  const connector = await db().connector.findUnique({ where: { id: connectorId } });
  if (!connector) throw new AppError("not_found", "no such connector");
  const target = connectorDriver(connector);
  if (!target) throw new AppError("bad_request", `connector kind '${connector.kind}' is unknown`);
  // One ticket per connector: the last push to this connector that reached its ticket says which,
  // whatever was pushed elsewhere since; comments count as sent only up to the last push that completed.
  const previous = await db().casePush.findFirst({ where: { caseId: c.id, connectorId: connector.id, ...REACHED_TICKET }, orderBy: { at: "desc" } });
  const complete = await db().casePush.findFirst({ where: { caseId: c.id, connectorId: connector.id, ...REACHED_TICKET, error: null }, orderBy: { at: "desc" } });
  const isUpdate = previous !== null;
  const since = complete?.at ?? null;
  const newComments = c.comments.filter((m) => !since || m.createdAt > since).map((m) => ({ author: m.author, body: m.body, at: m.createdAt.toISOString() }));
  const input = { c, link: `${baseUrl}/cases/${c.id}`, newComments };

  let result: { externalId: string; externalUrl: string | null };
  try {
    const { driver } = target;
    const { config, secret } = target.settings();
    if (previous) {
      await driver.update(previous.externalId!, input, config, secret);
      result = { externalId: previous.externalId!, externalUrl: previous.externalUrl };
    } else {
      const created = await driver.create(input, config, secret);
      result = { externalId: created.id, externalUrl: created.url };
    }
  } catch (err) {
    if (err instanceof CreatedButIncomplete) {
      // The ticket exists: keep it (the next push updates it, and sends the comments again).
      const { id, url } = err.created;
      await db().$transaction([
        db().case.update({ where: { id: c.id }, data: { externalConnectorId: connector.id, externalId: id, externalUrl: url, lastPushedAt: new Date() } }),
        db().casePush.create({ data: { caseId: c.id, connectorId: connector.id, actor, result: "created", externalId: id, externalUrl: url, commentsSent: 0, error: err.message } }),
        db().caseTimeline.create({ data: { caseId: c.id, actor, action: "pushed", detail: { connector: connector.name, externalId: id, commentsPending: newComments.length } } }),
      ]);
      throw new AppError("bad_request", `push incomplete: ${connector.name} created ${id}, but its comments were not sent (${err.message}); push again to send them`);
    }
    const e = err as Error;
    const message = e.name === "TimeoutError" ? `${connector.name} did not answer within 10 s` : e.name === "ZodError" ? `${connector.name} is misconfigured: ${e.message}` : e.message;
    await db().casePush.create({ data: { caseId: c.id, connectorId: connector.id, actor, result: "failed", error: message } });
    throw new AppError("bad_request", `push failed: ${message}`);
  }
  const now = new Date();
  await db().$transaction([
    db().case.update({ where: { id: c.id }, data: { externalConnectorId: connector.id, externalId: result.externalId, externalUrl: result.externalUrl, lastPushedAt: now } }),
    db().casePush.create({ data: { caseId: c.id, connectorId: connector.id, actor, at: now, result: isUpdate ? "updated" : "created", externalId: result.externalId, externalUrl: result.externalUrl, commentsSent: newComments.length } }),
    db().caseTimeline.create({ data: { caseId: c.id, actor, action: isUpdate ? "push_updated" : "pushed", detail: { connector: connector.name, externalId: result.externalId } } }),
  ]);
  return { result: isUpdate ? ("updated" as const) : ("created" as const), external_id: result.externalId, external_url: result.externalUrl, comments_sent: newComments.length };
}
