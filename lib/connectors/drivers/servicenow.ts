/** ServiceNow ITSM: table API incident, correlation_id = the case id (upsert), urgency/impact from severity, assignment group by sys_id, work notes. */
import { z } from "zod";
import { basicAuth, call, caseLines, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZServiceNowConfig = z
  .object({
    instanceUrl: ZConnectorUrl,
    assignmentGroup: z.string().optional(),
    /** The resolution code an incident resolved from Vigil gets (instances have their own lists). */
    closeCode: z.string().min(1).default("Solved (Permanently)"),
  })
  .strict();
export const ZServiceNowSecret = z.object({ username: z.string().min(1), password: z.string().min(1) }).strict();
type Config = z.infer<typeof ZServiceNowConfig>;
type Secret = z.infer<typeof ZServiceNowSecret>;

/** ServiceNow's 1 (high) … 3 (low) scales. */
const URGENCY: Record<string, [number, number]> = { critical: [1, 1], high: [1, 2], medium: [2, 2], low: [3, 3] };

const SYS_ID = /^[0-9a-f]{32}$/;

/**
 * `assignment_group` is a reference: the table API stores a sys_id, and a group's name sent there is
 * no group at all. A configured name is looked up in sys_user_group; a sys_id is taken as it is.
 */
async function assignmentGroupId(base: string, headers: Record<string, string>, group: string | undefined): Promise<string | undefined> {
  if (!group || SYS_ID.test(group)) return group;
  const found = (await call("ServiceNow", `${base}/api/now/table/sys_user_group?sysparm_query=${encodeURIComponent(`name=${group}`)}&sysparm_limit=1&sysparm_fields=sys_id`, { method: "GET", headers })) as {
    result?: { sys_id: string }[];
  } | null;
  const id = found?.result?.[0]?.sys_id;
  if (!id) throw new Error(`ServiceNow has no assignment group named '${group}'`);
  return id;
}

function record(input: Parameters<Driver<Config, Secret>["create"]>[0], group: string | undefined) {
  const { c, link, newComments } = input;
  const [urgency, impact] = URGENCY[c.severity] ?? [3, 3];
  return {
    short_description: c.title.slice(0, 160),
    description: caseLines(c, link).join("\n"),
    urgency: String(urgency),
    impact: String(impact),
    correlation_id: c.id,
    correlation_display: "Vigil",
    ...(group ? { assignment_group: group } : {}),
    ...(newComments.length ? { work_notes: newComments.map((m) => `${m.author} (${m.at}): ${m.body}`).join("\n\n") } : {}),
  };
}

export const servicenow: Driver<Config, Secret> = {
  async test(config, secret) {
    // One row of a table every account with incident access can read.
    await call("ServiceNow", `${trimSlash(config.instanceUrl)}/api/now/table/incident?sysparm_limit=1&sysparm_fields=sys_id`, { method: "GET", headers: { authorization: basicAuth(secret.username, secret.password) } });
  },
  async create(input, config, secret) {
    const base = trimSlash(config.instanceUrl);
    const headers = { authorization: basicAuth(secret.username, secret.password) };
    // Upsert: an incident with this correlation id may exist (a push that timed out after succeeding).
    const found = (await call("ServiceNow", `${base}/api/now/table/incident?sysparm_query=${encodeURIComponent(`correlation_id=${input.c.id}`)}&sysparm_limit=1&sysparm_fields=sys_id`, { method: "GET", headers })) as {
      result?: { sys_id: string }[];
    } | null;
    const existing = found?.result?.[0]?.sys_id;
    if (existing) {
      await servicenow.update(existing, input, config, secret);
      return { id: existing, url: `${base}/nav_to.do?uri=incident.do?sys_id=${existing}` };
    }
    const group = await assignmentGroupId(base, headers, config.assignmentGroup);
    const answer = (await call("ServiceNow", `${base}/api/now/table/incident`, { method: "POST", headers, body: record(input, group) })) as { result?: { sys_id?: string } } | null;
    const id = answer?.result?.sys_id;
    if (!id) throw new Error("ServiceNow answered without a sys_id");
    return { id, url: `${base}/nav_to.do?uri=incident.do?sys_id=${id}` };
  },
  async status(sysId, config, secret) {
    // Incident states: 6 Resolved, 7 Closed, 8 Canceled count as closed.
    const answer = (await call("ServiceNow", `${trimSlash(config.instanceUrl)}/api/now/table/incident/${encodeURIComponent(sysId)}?sysparm_fields=state,resolved_at,resolved_by,closed_at,closed_by&sysparm_display_value=all`, {
      method: "GET",
      headers: { authorization: basicAuth(secret.username, secret.password) },
    })) as { result?: Record<string, { value?: string; display_value?: string } | undefined> } | null;
    const r = answer?.result ?? {};
    const state = r.state?.value ?? "";
    const closed = ["6", "7", "8"].includes(state);
    const by = r.closed_by?.display_value || r.resolved_by?.display_value || null;
    const at = r.closed_at?.value || r.resolved_at?.value;
    return { closed, state: r.state?.display_value ?? state, by, at: at ? new Date(`${at.replace(" ", "T")}Z`) : null };
  },
  async close(sysId, note, config, secret) {
    // Resolved (6), with the resolution code and notes ServiceNow requires for it.
    await call("ServiceNow", `${trimSlash(config.instanceUrl)}/api/now/table/incident/${encodeURIComponent(sysId)}`, {
      method: "PATCH",
      headers: { authorization: basicAuth(secret.username, secret.password) },
      body: { state: "6", close_code: config.closeCode, close_notes: note },
    });
  },
  async update(sysId, input, config, secret) {
    const base = trimSlash(config.instanceUrl);
    const headers = { authorization: basicAuth(secret.username, secret.password) };
    const group = await assignmentGroupId(base, headers, config.assignmentGroup);
    await call("ServiceNow", `${base}/api/now/table/incident/${encodeURIComponent(sysId)}`, { method: "PATCH", headers, body: record(input, group) });
  },
};
