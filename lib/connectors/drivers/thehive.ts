/**
 * TheHive 5: /api/v1/alert with type, source, sourceRef (the dedupe key), externalLink, severity 1–4, tags,
 * TLP/PAP, observables, ATT&CK procedures under their own tactics; closed with a Closed-stage status and a summary.
 */
import { z } from "zod";
import { call, caseLines, SEVERITY_LEVEL, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZTheHiveConfig = z
  .object({
    baseUrl: ZConnectorUrl,
    tlp: z.number().int().min(0).max(4).default(2),
    pap: z.number().int().min(0).max(3).default(2),
    /** The alert status (of TheHive's Closed stage: predefined or the instance's own) set when the case closes in Vigil. */
    closeStatus: z.string().min(1).max(64).default("Ignored"),
  })
  .strict();
export const ZTheHiveSecret = z.object({ apiKey: z.string().min(1) }).strict();
type Config = z.infer<typeof ZTheHiveConfig>;
type Secret = z.infer<typeof ZTheHiveSecret>;

const DATA_TYPE: Record<string, string> = { user: "other", host: "hostname", executable: "filename", args: "other", parent: "filename", ip: "ip", hash: "hash" };

/** The case and every comment so far: an update rewrites the description whole, so it must carry the earlier comments too. */
function describe(input: Parameters<Driver<Config, Secret>["create"]>[0]) {
  const { c, link } = input;
  const comments = c.comments.map((m) => `- ${m.author} (${m.createdAt.toISOString()}): ${m.body}`);
  return [...caseLines(c, link), ...(comments.length ? ["", "Comments:", ...comments] : [])].join("\n");
}

/** TheHive names tactics by MITRE's short name ("Credential Access" → "credential-access"). */
const tacticShortName = (name: string) => name.toLowerCase().replace(/\s+/g, "-");

export const thehive: Driver<Config, Secret> = {
  async test(config, secret) {
    // The key's own user: GET /api/v1/user/current.
    await call("TheHive", `${trimSlash(config.baseUrl)}/api/v1/user/current`, { method: "GET", headers: { authorization: `Bearer ${secret.apiKey}` } });
  },
  async create(input, config, secret) {
    const { c } = input;
    const base = trimSlash(config.baseUrl);
    const firstSeen = Math.min(...c.alerts.map((a) => a.alert.eventTimestamp.getTime()));
    const answer = (await call("TheHive", `${base}/api/v1/alert`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret.apiKey}` },
      body: {
        type: "vigil",
        source: "Vigil",
        sourceRef: c.id,
        title: c.title,
        description: describe(input),
        severity: SEVERITY_LEVEL[c.severity] ?? 2,
        date: Number.isFinite(firstSeen) ? firstSeen : Date.now(),
        tags: ["vigil", ...c.tags, ...c.attack.techniques.map((t) => t.id)],
        tlp: config.tlp,
        pap: config.pap,
        observables: c.observables.map((o) => ({ dataType: DATA_TYPE[o.type] ?? "other", data: o.value, tags: [o.type] })),
        // Each technique under the tactic its rule maps it to.
        procedures: c.attack.procedures.map((p) => ({ patternId: p.technique, occurDate: Number.isFinite(firstSeen) ? firstSeen : Date.now(), tactic: tacticShortName(p.tactic) })),
        externalLink: input.link,
      },
    })) as { _id?: string } | null;
    if (!answer?._id) throw new Error("TheHive answered without an _id");
    return { id: answer._id, url: `${base}/alerts/${answer._id}/details` };
  },
  async status(id, config, secret) {
    // TheHive 5 groups alert statuses (its own or custom ones) in stages: New, InProgress, Closed.
    const a = (await call("TheHive", `${trimSlash(config.baseUrl)}/api/v1/alert/${encodeURIComponent(id)}`, { method: "GET", headers: { authorization: `Bearer ${secret.apiKey}` } })) as {
      status?: string;
      stage?: string;
      _updatedBy?: string;
      _updatedAt?: number;
    } | null;
    return { closed: a?.stage === "Closed", state: a?.status ?? "unknown", by: a?._updatedBy ?? null, at: a?._updatedAt ? new Date(a._updatedAt) : null };
  },
  async close(id, note, config, secret) {
    const url = `${trimSlash(config.baseUrl)}/api/v1/alert/${encodeURIComponent(id)}`;
    const headers = { authorization: `Bearer ${secret.apiKey}` };
    // An alert imported into a TheHive case belongs to that case, and a closed one stays as its analyst closed it.
    const a = (await call("TheHive", url, { method: "GET", headers })) as { stage?: string; status?: string } | null;
    if (a?.stage === "Imported") return { skipped: `alert ${id} was imported into a TheHive case, which TheHive's analysts close` };
    if (a?.stage === "Closed") return { skipped: `alert ${id} is already closed in TheHive (${a.status ?? "closed"})` };
    await call("TheHive", url, { method: "PATCH", headers, body: { status: config.closeStatus, summary: note } });
  },
  async update(id, input, config, secret) {
    const { c } = input;
    await call("TheHive", `${trimSlash(config.baseUrl)}/api/v1/alert/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret.apiKey}` },
      body: { title: c.title, description: describe(input), severity: SEVERITY_LEVEL[c.severity] ?? 2, tags: ["vigil", ...c.tags, ...c.attack.techniques.map((t) => t.id)] },
    });
  },
};
