/** Jira Cloud: REST v3 create issue (description in ADF), v2 plain-text option; comments on update. */
import { z } from "zod";
import { caseToAdf, commentToAdf } from "./adf";
import { basicAuth, call, caseLines, CreatedButIncomplete, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZJiraConfig = z
  .object({
    baseUrl: ZConnectorUrl,
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]+$/, "projectKey: a Jira project key such as SEC"),
    issueType: z.string().min(1).default("Task"),
    apiVersion: z.enum(["3", "2"]).default("3"),
    priorities: z.record(z.string(), z.string()).default({ low: "Low", medium: "Medium", high: "High", critical: "Highest" }),
    /** Whether an update may set priority and labels again; by default they are the ticket's analysts' once it exists. */
    overwriteOnUpdate: z.boolean().default(false),
  })
  .strict();
export const ZJiraSecret = z.object({ email: z.string().min(1), apiToken: z.string().min(1) }).strict();
type Config = z.infer<typeof ZJiraConfig>;
type Secret = z.infer<typeof ZJiraSecret>;

type Input = Parameters<Driver<Config, Secret>["create"]>[0];

function fields(input: Input, config: Config, updating: boolean) {
  const { c, link } = input;
  const labels = ["vigil", ...new Set(c.alerts.map((a) => a.alert.ruleName)), ...c.attack.tactics.map((t) => t.id), ...c.attack.techniques.map((t) => t.id)].map((l) => l.replace(/\s+/g, "_"));
  const owned = updating && !config.overwriteOnUpdate ? {} : { priority: { name: config.priorities[c.severity] ?? "Medium" }, labels };
  return { summary: c.title.slice(0, 255), description: config.apiVersion === "3" ? caseToAdf(c, link) : caseLines(c, link).join("\n"), ...owned };
}

/** Posts the case comments Jira has not seen yet, in order. */
async function postComments(base: string, key: string, input: Input, config: Config, headers: Record<string, string>) {
  for (const m of input.newComments) {
    const body = config.apiVersion === "3" ? commentToAdf(m.author, m.at, m.body) : `${m.author} (${m.at}): ${m.body}`;
    await call("Jira", `${base}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}/comment`, { method: "POST", headers, body: { body } });
  }
}

export const jira: Driver<Config, Secret> = {
  async test(config, secret) {
    // The account the token belongs to: GET /rest/api/{2|3}/myself.
    await call("Jira", `${trimSlash(config.baseUrl)}/rest/api/${config.apiVersion}/myself`, { method: "GET", headers: { authorization: basicAuth(secret.email, secret.apiToken) } });
  },
  async create(input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const headers = { authorization: basicAuth(secret.email, secret.apiToken) };
    const answer = (await call("Jira", `${base}/rest/api/${config.apiVersion}/issue`, {
      method: "POST",
      headers,
      body: { fields: { project: { key: config.projectKey }, issuetype: { name: config.issueType }, ...fields(input, config, false) } },
    })) as { key?: string } | null;
    if (!answer?.key) throw new Error("Jira answered without an issue key");
    const created = { id: answer.key, url: `${base}/browse/${answer.key}` };
    // The comments written before this first push go with it; if one fails, the issue still exists.
    try {
      await postComments(base, answer.key, input, config, headers);
    } catch (err) {
      throw new CreatedButIncomplete(created, err as Error);
    }
    return created;
  },
  async status(key, config, secret) {
    // Done is a status category, whatever the workflow calls its final status.
    const issue = (await call("Jira", `${trimSlash(config.baseUrl)}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}?fields=status,resolutiondate`, { method: "GET", headers: { authorization: basicAuth(secret.email, secret.apiToken) } })) as {
      fields?: { status?: { name?: string; statusCategory?: { key?: string } }; resolutiondate?: string | null };
    } | null;
    const st = issue?.fields?.status;
    return { closed: st?.statusCategory?.key === "done", state: st?.name ?? "unknown", by: null, at: issue?.fields?.resolutiondate ? new Date(issue.fields.resolutiondate) : null };
  },
  async close(key, note, config, secret) {
    // Workflows differ: take the transition that leads to a status in the done category.
    const base = trimSlash(config.baseUrl);
    const headers = { authorization: basicAuth(secret.email, secret.apiToken) };
    const issue = `${base}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}`;
    const answer = (await call("Jira", `${issue}/transitions`, { method: "GET", headers })) as { transitions?: { id: string; to?: { statusCategory?: { key?: string } } }[] } | null;
    const done = answer?.transitions?.find((t) => t.to?.statusCategory?.key === "done");
    if (!done) throw new Error(`Jira offers no transition of ${key} to a done status`);
    await call("Jira", `${issue}/transitions`, { method: "POST", headers, body: { transition: { id: done.id } } });
    await call("Jira", `${issue}/comment`, { method: "POST", headers, body: { body: config.apiVersion === "3" ? commentToAdf("Vigil", new Date().toISOString(), note) : note } });
  },
  async update(key, input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const headers = { authorization: basicAuth(secret.email, secret.apiToken) };
    await call("Jira", `${base}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}`, { method: "PUT", headers, body: { fields: fields(input, config, true) } });
    await postComments(base, key, input, config, headers);
  },
};
