/**
 * The generic webhook connector: a JSON body template whose placeholders ({{case.title}} …) stand
 * where JSON values go and are filled with JSON-encoded case fields, so no field can break or
 * inject into the document. The first push POSTs to the URL; the answer's id (and url) become the
 * case's external id; later pushes PUT to the update URL with that id.
 */
import { z } from "zod";
import { caseMarkdown } from "../cases/export-case";
import { urlProblem, ZConnectorUrl } from "./url-policy";

export const ZWebhookConfig = z
  .object({
    url: ZConnectorUrl,
    /** Method of the first push (updates use PUT to the update URL). */
    method: z.enum(["POST", "PUT"]).default("POST"),
    /** Where updates go; {{external_id}} is replaced. Default: `${url}/{{external_id}}`. */
    updateUrl: z
      .string()
      .superRefine((u, ctx) => {
        const problem = urlProblem(u.replace(/\{\{external_id\}\}/g, "id"));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .optional(),
    template: z.string().min(2).max(20_000),
    /** Field of the JSON answer holding the created record's id, and its link. */
    idField: z.string().default("id"),
    urlField: z.string().default("url"),
  })
  .strict();
export const ZWebhookSecret = z.object({ headers: z.record(z.string(), z.string()).default({}) }).strict();

export { DEFAULT_WEBHOOK_TEMPLATE } from "./webhook-template";

import type { PushInput } from "./drivers/driver";

/** Fills the template; throws with a clear message when the result is not JSON. */
export function renderTemplate(template: string, { c, link, newComments }: PushInput): unknown {
  const values: Record<string, unknown> = {
    "case.id": c.id,
    "case.title": c.title,
    "case.description": c.description,
    "case.markdown": caseMarkdown(c, link),
    "case.severity": c.severity,
    "case.status": c.status,
    "case.tags": c.tags,
    "case.url": link,
    "case.external_id": c.externalId,
    "case.observables": c.observables.map((o) => ({ type: o.type, value: o.value })),
    "case.attack": c.attack,
    "case.alert_count": c.alerts.length,
    "case.new_comments": newComments,
  };
  const text = template.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (m, name: string) => (name in values ? JSON.stringify(values[name] ?? null) : m));
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`the body template does not give JSON: ${(err as Error).message}`);
  }
}
