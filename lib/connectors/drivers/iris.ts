/** DFIR-IRIS: /alerts/add with IOCs and assets; /alerts/update/{id} afterwards. */
import { z } from "zod";
import { call, caseLines, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";

export const ZIrisConfig = z.object({ baseUrl: ZConnectorUrl, customerId: z.number().int().positive().default(1) }).strict();
export const ZIrisSecret = z.object({ apiKey: z.string().min(1) }).strict();
type Config = z.infer<typeof ZIrisConfig>;
type Secret = z.infer<typeof ZIrisSecret>;

/** IRIS severities: 3 low, 4 medium, 5 high, 6 critical. */
const SEVERITY_ID: Record<string, number> = { low: 3, medium: 4, high: 5, critical: 6 };

function body(input: Parameters<Driver<Config, Secret>["create"]>[0], config: Config) {
  const { c, link, newComments } = input;
  const first = c.alerts[0]?.alert;
  return {
    alert_title: c.title,
    alert_description: [...caseLines(c, link), ...newComments.map((m) => `${m.author} (${m.at}): ${m.body}`)].join("\n"),
    alert_source: "Vigil",
    alert_source_ref: c.id,
    alert_source_link: link,
    alert_severity_id: SEVERITY_ID[c.severity] ?? 4,
    alert_status_id: 2,
    alert_customer_id: config.customerId,
    alert_source_event_time: (first?.eventTimestamp ?? new Date()).toISOString(),
    alert_tags: ["vigil", ...c.attack.techniques.map((t) => t.id)].join(","),
    alert_iocs: c.observables.filter((o) => o.type === "ip" || o.type === "hash" || o.type === "executable").map((o) => ({ ioc_value: o.value, ioc_description: o.type, ioc_tlp_id: 2, ioc_type_id: o.type === "ip" ? 79 : o.type === "hash" ? 113 : 46, ioc_tags: "vigil" })),
    alert_assets: c.observables.filter((o) => o.type === "host").map((o) => ({ asset_name: o.value, asset_type_id: 3, asset_description: "host from Vigil", asset_tags: "vigil" })),
  };
}

export const iris: Driver<Config, Secret> = {
  async test(config, secret) {
    // IRIS's authenticated liveness check: GET /api/ping.
    await call("DFIR-IRIS", `${trimSlash(config.baseUrl)}/api/ping`, { method: "GET", headers: { authorization: `Bearer ${secret.apiKey}` } });
  },
  async create(input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const answer = (await call("DFIR-IRIS", `${base}/alerts/add`, { method: "POST", headers: { authorization: `Bearer ${secret.apiKey}` }, body: body(input, config) })) as { status?: string; data?: { alert_id?: number } } | null;
    const id = answer?.data?.alert_id;
    if (answer?.status !== "success" || id === undefined) throw new Error(`DFIR-IRIS did not accept the alert: ${JSON.stringify(answer).slice(0, 200)}`);
    return { id: String(id), url: `${base}/alerts?alert_ids=${id}` };
  },
  async update(id, input, config, secret) {
    const answer = (await call("DFIR-IRIS", `${trimSlash(config.baseUrl)}/alerts/update/${encodeURIComponent(id)}`, { method: "POST", headers: { authorization: `Bearer ${secret.apiKey}` }, body: body(input, config) })) as { status?: string } | null;
    if (answer?.status !== "success") throw new Error(`DFIR-IRIS did not accept the update: ${JSON.stringify(answer).slice(0, 200)}`);
  },
};
