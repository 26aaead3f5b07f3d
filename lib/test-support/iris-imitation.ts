/**
 * A DFIR-IRIS stand-in for tests that refuses what IRIS refuses: its seeded IOC types (ids in seed
 * order, as a fresh instance assigns them) with their validation regexes, matched whole and
 * case-insensitively as IRIS's IocSchema does (`re.fullmatch(…, re.IGNORECASE)`), its severity,
 * status, TLP and asset-type ids, the required alert fields, and a Bearer API key. It keeps the
 * alerts it took so a test can change one as an IRIS analyst would and see what an update does.
 */
import { RE2JS } from "re2js";
import seeded from "./fixtures/iris-ioc-types.json";

interface IocType {
  type_id: number;
  type_name: string;
  type_validation_regex: string | null;
}

export interface IrisRequest {
  method: string;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown> | null;
}

const TYPES = (seeded as { types: IocType[] }).types;
const BY_ID = new Map(TYPES.map((t) => [t.type_id, t]));
const SEVERITIES = 6; // Unspecified … Critical
const STATUSES = 8; // Unspecified, New, Assigned, In progress, Pending, Closed, Merged, Escalated
const TLPS = 5; // red, amber, green, clear, amber+strict
const ASSET_TYPES = 21;

const ok = (data: unknown) => ({ status: 200, body: { status: "success", message: "", data } });
const dataError = (data: Record<string, string[]>) => ({ status: 400, body: { status: "error", message: "Data error", data } });
const isInt = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;

export class IrisImitation {
  readonly alerts = new Map<number, Record<string, unknown>>();

  /** An IRIS analyst closes the alert (status 6), as IRIS records it in the alert's history. */
  close(id: number, user: string, at: Date): void {
    Object.assign(this.alerts.get(id)!, { alert_status_id: 6, status: { status_name: "Closed" }, modification_history: { [String(at.getTime() / 1000)]: { user, user_id: 3, action: "Alert status updated" } } });
  }
  private next = 1;

  constructor(private readonly apiKey: string) {}

  handle(req: IrisRequest): { status: number; body: unknown } {
    if (req.auth !== `Bearer ${this.apiKey}`) return { status: 401, body: { status: "error", message: "Authentication required" } };
    if (req.method === "GET" && req.path === "/api/ping") return ok({});
    if (req.method === "GET" && req.path === "/manage/ioc-types/list") return ok(TYPES.map((t) => ({ ...t, type_description: t.type_name, type_taxonomy: null, type_validation_expect: null })));
    if (req.method === "POST" && req.path === "/alerts/add") {
      const problems = this.check(req.body ?? {}, true);
      if (Object.keys(problems).length) return dataError(problems);
      const id = this.next++;
      this.alerts.set(id, { ...req.body, alert_id: id });
      return ok({ alert_id: id });
    }
    const one = /^\/alerts\/(\d+)$/.exec(req.path);
    if (req.method === "GET" && one) {
      const alert = this.alerts.get(Number(one[1]));
      return alert ? ok(alert) : { status: 404, body: { status: "error", message: "Alert not found" } };
    }
    const update = /^\/alerts\/update\/(\d+)$/.exec(req.path);
    if (req.method === "POST" && update) {
      const alert = this.alerts.get(Number(update[1]));
      if (!alert) return { status: 404, body: { status: "error", message: "Alert not found" } };
      const problems = this.check(req.body ?? {}, false);
      if (Object.keys(problems).length) return dataError(problems);
      Object.assign(alert, req.body);
      return ok(alert);
    }
    return { status: 404, body: { status: "error", message: "Not found" } };
  }

  /** IRIS's AlertSchema and IocSchema checks, field by field. */
  private check(b: Record<string, unknown>, creating: boolean): Record<string, string[]> {
    const problems: Record<string, string[]> = {};
    const add = (field: string, message: string) => (problems[field] ??= []).push(message);
    if (creating) for (const f of ["alert_title", "alert_severity_id", "alert_status_id", "alert_customer_id"]) if (b[f] === undefined) add(f, "Missing data for required field.");
    if (b.alert_title !== undefined && (typeof b.alert_title !== "string" || b.alert_title.length < 2)) add("alert_title", "Shorter than minimum length 2.");
    if (b.alert_severity_id !== undefined && !isInt(b.alert_severity_id, SEVERITIES)) add("alert_severity_id", "Invalid severity ID");
    if (b.alert_status_id !== undefined && !isInt(b.alert_status_id, STATUSES)) add("alert_status_id", "Invalid status ID");
    if (b.alert_customer_id !== undefined && !Number.isInteger(b.alert_customer_id)) add("alert_customer_id", "Not a valid integer.");
    for (const ioc of (b.alert_iocs as Record<string, unknown>[] | undefined) ?? []) {
      const type = BY_ID.get(ioc.ioc_type_id as number);
      if (typeof ioc.ioc_value !== "string" || ioc.ioc_value === "") add("ioc_value", "Missing data for required field.");
      if (!type) add("ioc_type_id", "Invalid IOC type ID");
      else if (type.type_validation_regex && !RE2JS.compile(type.type_validation_regex, RE2JS.CASE_INSENSITIVE).matches(String(ioc.ioc_value))) {
        add("ioc_ioc_value", `The input doesn't match the expected format (expected: ${type.type_validation_regex})`);
      }
      if (ioc.ioc_tlp_id !== undefined && !isInt(ioc.ioc_tlp_id, TLPS)) add("ioc_tlp_id", "Invalid TLP ID");
    }
    for (const asset of (b.alert_assets as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof asset.asset_name !== "string" || asset.asset_name === "") add("asset_name", "Missing data for required field.");
      if (!isInt(asset.asset_type_id, ASSET_TYPES)) add("asset_type_id", "Invalid asset type ID");
    }
    return problems;
  }
}
