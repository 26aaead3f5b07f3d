/** DFIR-IRIS: /alerts/add with IOCs (typed by IRIS's own list) and assets; /alerts/update/{id} afterwards, leaving its status alone. */
import { z } from "zod";
import { call, caseLines, trimSlash, type Driver } from "./driver";
import { ZConnectorUrl } from "../url-policy";
import { irisIocTypeIds, irisIocTypeName } from "./iris-ioc-types";

export const ZIrisConfig = z.object({ baseUrl: ZConnectorUrl, customerId: z.number().int().positive().default(1) }).strict();
export const ZIrisSecret = z.object({ apiKey: z.string().min(1) }).strict();
type Config = z.infer<typeof ZIrisConfig>;
type Secret = z.infer<typeof ZIrisSecret>;

/** IRIS's seeded ids: alert status 2 is New and 6 Closed, TLP 2 amber. */
const STATUS_NEW = 2;
const STATUS_CLOSED = 6;
/** IRIS's seeded resolution "Unknown": Vigil's cases carry no verdict to map. */
const RESOLUTION_UNKNOWN = 5;
const TLP_AMBER = 2;
/** IRIS severities: 3 low, 4 medium, 5 high, 6 critical. */
const SEVERITY_ID: Record<string, number> = { low: 3, medium: 4, high: 5, critical: 6 };

/** The case as an IRIS alert; `types` are the instance's IOC type ids by name. An update leaves the alert's status to IRIS's analysts. */
function body(input: Parameters<Driver<Config, Secret>["create"]>[0], config: Config, types: Map<string, number>, update = false) {
  const { c, link, newComments } = input;
  const first = c.alerts[0]?.alert;
  return {
    alert_title: c.title,
    alert_description: [...caseLines(c, link), ...newComments.map((m) => `${m.author} (${m.at}): ${m.body}`)].join("\n"),
    alert_source: "Vigil",
    alert_source_ref: c.id,
    alert_source_link: link,
    alert_severity_id: SEVERITY_ID[c.severity] ?? 4,
    ...(update ? {} : { alert_status_id: STATUS_NEW }),
    alert_customer_id: config.customerId,
    alert_source_event_time: (first?.eventTimestamp ?? new Date()).toISOString(),
    alert_tags: ["vigil", ...c.attack.techniques.map((t) => t.id)].join(","),
    alert_iocs: c.observables.flatMap((o) => {
      const id = types.get(irisIocTypeName(o) ?? "");
      return id === undefined ? [] : [{ ioc_value: o.value, ioc_description: `${o.type} from Vigil`, ioc_tlp_id: TLP_AMBER, ioc_type_id: id, ioc_tags: "vigil" }];
    }),
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
    const types = await irisIocTypeIds(base, secret.apiKey);
    const answer = (await call("DFIR-IRIS", `${base}/alerts/add`, { method: "POST", headers: { authorization: `Bearer ${secret.apiKey}` }, body: body(input, config, types) })) as { status?: string; data?: { alert_id?: number } } | null;
    const id = answer?.data?.alert_id;
    if (answer?.status !== "success" || id === undefined) throw new Error(`DFIR-IRIS did not accept the alert: ${JSON.stringify(answer).slice(0, 200)}`);
    return { id: String(id), url: `${base}/alerts?alert_ids=${id}` };
  },
  async status(id, config, secret) {
    const answer = (await call("DFIR-IRIS", `${trimSlash(config.baseUrl)}/alerts/${encodeURIComponent(id)}`, { method: "GET", headers: { authorization: `Bearer ${secret.apiKey}` } })) as {
      data?: { alert_status_id?: number; status?: { status_name?: string }; modification_history?: Record<string, { user?: string; action?: string }> };
    } | null;
    const d = answer?.data;
    // The history's last entry names who changed the alert last, keyed by the time (epoch seconds).
    const last = Object.entries(d?.modification_history ?? {}).sort(([a], [b]) => Number(a) - Number(b)).pop();
    return { closed: d?.alert_status_id === STATUS_CLOSED, state: d?.status?.status_name ?? String(d?.alert_status_id ?? "unknown"), by: last?.[1].user ?? null, at: last ? new Date(Number(last[0]) * 1000) : null };
  },
  async close(id, note, config, secret) {
    const answer = (await call("DFIR-IRIS", `${trimSlash(config.baseUrl)}/alerts/update/${encodeURIComponent(id)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret.apiKey}` },
      body: { alert_status_id: STATUS_CLOSED, alert_resolution_status_id: RESOLUTION_UNKNOWN, alert_note: note },
    })) as { status?: string } | null;
    if (answer?.status !== "success") throw new Error(`DFIR-IRIS did not close the alert: ${JSON.stringify(answer).slice(0, 200)}`);
  },
  async update(id, input, config, secret) {
    const base = trimSlash(config.baseUrl);
    const types = await irisIocTypeIds(base, secret.apiKey);
    const answer = (await call("DFIR-IRIS", `${base}/alerts/update/${encodeURIComponent(id)}`, { method: "POST", headers: { authorization: `Bearer ${secret.apiKey}` }, body: body(input, config, types, true) })) as { status?: string } | null;
    if (answer?.status !== "success") throw new Error(`DFIR-IRIS did not accept the update: ${JSON.stringify(answer).slice(0, 200)}`);
  },
};
