/**
 * Pushing a case to a connector: idempotent (the external id is kept on the case; pushing again
 * updates the ticket and sends the comments added since the last successful push), recorded
 * (every attempt: who, when, result, error text), and harmless when it fails (the case is
 * unchanged; retrying is safe).
 */
import { AppError } from "../api/app-error";
import { loadCase } from "../cases/cases";
import { db } from "../db/client";
import { open } from "./secret-box";
import { renderTemplate, ZWebhookConfig, ZWebhookSecret } from "./webhook";

const TIMEOUT_MS = 10_000;

function pick(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export async function pushCase(caseId: string, connectorId: string, actor: string, baseUrl: string) {
  const c = await loadCase(caseId);
  if (!c) throw new AppError("not_found", "no such case");
  const connector = await db().connector.findUnique({ where: { id: connectorId } });
  if (!connector) throw new AppError("not_found", "no such connector");
  if (connector.kind !== "webhook") throw new AppError("bad_request", `connector kind '${connector.kind}' is not supported yet`);
  const config = ZWebhookConfig.parse(connector.config);
  const secret = ZWebhookSecret.parse(connector.secret ? open(connector.secret) : {});
  const isUpdate = c.externalConnectorId === connector.id && c.externalId !== null;
  const since = isUpdate && c.lastPushedAt ? c.lastPushedAt : null;
  const newComments = c.comments.filter((m) => !since || m.createdAt > since).map((m) => ({ author: m.author, body: m.body, at: m.createdAt.toISOString() }));
  const link = `${baseUrl}/cases/${c.id}`;

  let result: { externalId: string; externalUrl: string | null };
  try {
    const body = renderTemplate(config.template, { c, link, newComments });
    const url = isUpdate ? (config.updateUrl ?? `${config.url.replace(/\/$/, "")}/{{external_id}}`).replace("{{external_id}}", encodeURIComponent(c.externalId!)) : config.url;
    const res = await fetch(url, {
      method: isUpdate ? "PUT" : "POST",
      headers: { "content-type": "application/json", "idempotency-key": `${c.id}:${connector.id}`, ...secret.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${connector.name} answered ${res.status}${res.status === 401 || res.status === 403 ? " (check the credentials)" : ""}: ${text.slice(0, 300)}`);
    let answer: unknown = null;
    try {
      answer = text ? JSON.parse(text) : null;
    } catch {
      answer = null;
    }
    const id = pick(answer, config.idField);
    if (!isUpdate && (typeof id !== "string" || id === "") && typeof id !== "number") throw new Error(`${connector.name} answered without '${config.idField}': ${text.slice(0, 200)}`);
    const externalUrl = pick(answer, config.urlField);
    result = { externalId: isUpdate ? c.externalId! : String(id), externalUrl: typeof externalUrl === "string" ? externalUrl : (c.externalUrl ?? null) };
  } catch (err) {
    const e = err as Error;
    const message = e.name === "TimeoutError" ? `${connector.name} did not answer within ${TIMEOUT_MS / 1000} s` : e.message;
    await db().casePush.create({ data: { caseId: c.id, connectorId: connector.id, actor, result: "failed", error: message } });
    throw new AppError("bad_request", `push failed: ${message}`);
  }
  const now = new Date();
  await db().$transaction([
    db().case.update({ where: { id: c.id }, data: { externalConnectorId: connector.id, externalId: result.externalId, externalUrl: result.externalUrl, lastPushedAt: now } }),
    db().casePush.create({ data: { caseId: c.id, connectorId: connector.id, actor, at: now, result: isUpdate ? "updated" : "created", externalId: result.externalId, externalUrl: result.externalUrl, commentsSent: newComments.length } }),
    db().caseTimeline.create({ data: { caseId: c.id, actor, action: isUpdate ? "push_updated" : "pushed", detail: { connector: connector.name, externalId: result.externalId } } }),
  ]);
  return { result: isUpdate ? "updated" : "created", external_id: result.externalId, external_url: result.externalUrl, comments_sent: newComments.length };
}
