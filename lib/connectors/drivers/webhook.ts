/** The generic webhook as a driver: POST the rendered template to create, PUT it to the update URL. */
import { renderTemplate, ZWebhookConfig, ZWebhookSecret } from "../webhook";
import { call, trimSlash, type Driver } from "./driver";
import type { z } from "zod";

type Config = z.infer<typeof ZWebhookConfig>;
type Secret = z.infer<typeof ZWebhookSecret>;

function pick(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export const webhook: Driver<Config, Secret> = {
  async test(config, secret) {
    // A webhook has no read endpoint: an HTTP answer to HEAD proves it is reachable; 401/403 that the credentials are refused.
    try {
      await call("the webhook", config.url, { method: "HEAD", headers: { ...secret.headers } });
    } catch (err) {
      if (/answered (405|404|400)\b/.test((err as Error).message)) return;
      throw err;
    }
  },
  async create(input, config, secret) {
    const answer = await call("the webhook", config.url, {
      method: config.method,
      headers: { "idempotency-key": input.c.id, ...secret.headers },
      body: renderTemplate(config.template, input),
    });
    const id = pick(answer, config.idField);
    if ((typeof id !== "string" || id === "") && typeof id !== "number") throw new Error(`the webhook answered without '${config.idField}'`);
    const url = pick(answer, config.urlField);
    return { id: String(id), url: typeof url === "string" ? url : null };
  },
  async update(externalId, input, config, secret) {
    const url = (config.updateUrl ?? `${trimSlash(config.url)}/{{external_id}}`).replace("{{external_id}}", encodeURIComponent(externalId));
    await call("the webhook", url, { method: "PUT", headers: { "idempotency-key": input.c.id, ...secret.headers }, body: renderTemplate(config.template, input) });
  },
};
