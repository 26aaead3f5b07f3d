/** TheHive 5: /api/v1/alert with type, source, sourceRef (the dedupe key), severity 1–4, tags, TLP/PAP, observables, ATT&CK procedures. */
import { z } from "zod";
import { call, caseLines, SEVERITY_LEVEL, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZTheHiveConfig = z.object({ baseUrl: ZConnectorUrl, tlp: z.number().int().min(0).max(4).default(2), pap: z.number().int().min(0).max(3).default(2) }).strict();
export const ZTheHiveSecret = z.object({ apiKey: z.string().min(1) }).strict();
type Config = z.infer<typeof ZTheHiveConfig>;
type Secret = z.infer<typeof ZTheHiveSecret>;

const DATA_TYPE: Record<string, string> = { user: "other", host: "hostname", executable: "filename", args: "other", parent: "filename", ip: "ip", hash: "hash" };

function describe(input: Parameters<Driver<Config, Secret>["create"]>[0]) {
  const { c, link, newComments } = input;
  return [...caseLines(c, link), ...(newComments.length ? ["", "Comments:", ...newComments.map((m) => `- ${m.author} (${m.at}): ${m.body}`)] : [])].join("\n");
}

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
        procedures: c.attack.techniques.map((t) => ({ patternId: t.id, occurDate: Number.isFinite(firstSeen) ? firstSeen : Date.now(), tactic: c.attack.tactics[0]?.name.toLowerCase().replace(/\s+/g, "-") })),
      },
    })) as { _id?: string } | null;
    if (!answer?._id) throw new Error("TheHive answered without an _id");
    return { id: answer._id, url: `${base}/alerts/${answer._id}/details` };
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
