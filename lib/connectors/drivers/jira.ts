/** Jira Cloud: REST v3 create issue (description in ADF), v2 plain-text option; comments on update. */
import { z } from "zod";
import { caseToAdf, textToAdf } from "./adf";
import { basicAuth, call, caseLines, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZJiraConfig = z
  .object({
    baseUrl: ZConnectorUrl,
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]+$/, "projectKey: a Jira project key such as SEC"),
    issueType: z.string().min(1).default("Task"),
    apiVersion: z.enum(["3", "2"]).default("3"),
    priorities: z.record(z.string(), z.string()).default({ low: "Low", medium: "Medium", high: "High", critical: "Highest" }),
  })
  .strict();
export const ZJiraSecret = z.object({ email: z.string().min(1), apiToken: z.string().min(1) }).strict();
type Config = z.infer<typeof ZJiraConfig>;
type Secret = z.infer<typeof ZJiraSecret>;

function fields(input: Parameters<Driver<Config, Secret>["create"]>[0], config: Config) {
  const { c, link } = input;
  const labels = ["vigil", ...new Set(c.alerts.map((a) => a.alert.ruleName)), ...c.attack.tactics.map((t) => t.id), ...c.attack.techniques.map((t) => t.id)].map((l) => l.replace(/\s+/g, "_"));
  return {
    summary: c.title.slice(0, 255),
    description: config.apiVersion === "3" ? caseToAdf(c, link) : caseLines(c, link).join("\n"),
    priority: { name: config.priorities[c.severity] ?? "Medium" },
    labels,
  };
}

export const jira: Driver<Config, Secret> = {
  async test(config, secret) {
    // The account the token belongs to: GET /rest/api/{2|3}/myself.
    await call("Jira", `${trimSlash(config.baseUrl)}/rest/api/${config.apiVersion}/myself`, { method: "GET", headers: { authorization: basicAuth(secret.email, secret.apiToken) } });
  },
  async create(input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const answer = (await call("Jira", `${base}/rest/api/${config.apiVersion}/issue`, {
      method: "POST",
      headers: { authorization: basicAuth(secret.email, secret.apiToken) },
      body: { fields: { project: { key: config.projectKey }, issuetype: { name: config.issueType }, ...fields(input, config) } },
    })) as { key?: string } | null;
    if (!answer?.key) throw new Error("Jira answered without an issue key");
    return { id: answer.key, url: `${base}/browse/${answer.key}` };
  },
  async update(key, input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const headers = { authorization: basicAuth(secret.email, secret.apiToken) };
    await call("Jira", `${base}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}`, { method: "PUT", headers, body: { fields: fields(input, config) } });
    for (const m of input.newComments) {
      const body = `${m.author} (${m.at}): ${m.body}`;
      await call("Jira", `${base}/rest/api/${config.apiVersion}/issue/${encodeURIComponent(key)}/comment`, { method: "POST", headers, body: { body: config.apiVersion === "3" ? textToAdf(body) : body } });
    }
  },
};
