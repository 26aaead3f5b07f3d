/**
 * A TheHive 5 stand-in for tests that refuses what TheHive refuses about alert statuses: each
 * status belongs to a stage (New, In progress, Imported, Closed — the predefined statuses and any
 * the instance adds), an unknown status is a 400, the Imported stage is TheHive's own (set when an
 * alert becomes or joins a case, never chosen), and an alert in a Closed-stage status cannot go
 * back to a New or In progress one. Alerts need type, source, sourceRef, title and description, and
 * a Bearer API key. It keeps the alerts so a test can act on one as a TheHive analyst would.
 */
export interface HiveRequest {
  method: string;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown> | null;
}

type Stage = "New" | "InProgress" | "Imported" | "Closed";
const PREDEFINED: Record<string, Stage> = { New: "New", Updated: "New", InProgress: "InProgress", Imported: "Imported", Ignored: "Closed", Duplicated: "Closed" };
const REQUIRED = ["type", "source", "sourceRef", "title", "description"] as const;

const bad = (message: string) => ({ status: 400, body: { type: "BadRequest", message } });

export class TheHiveImitation {
  readonly alerts = new Map<string, Record<string, unknown> & { status: string; stage: Stage }>();
  private readonly statuses: Record<string, Stage>;
  private next = 4096;

  constructor(
    private readonly apiKey: string,
    custom: Record<string, Stage> = {},
  ) {
    this.statuses = { ...PREDEFINED, ...custom };
  }

  /** A TheHive analyst imports the alert into a new case. */
  importIntoCase(id: string): void {
    Object.assign(this.alerts.get(id)!, { status: "Imported", stage: "Imported", caseId: "~8192" });
  }

  handle(req: HiveRequest): { status: number; body: unknown } {
    if (req.auth !== `Bearer ${this.apiKey}`) return { status: 401, body: { type: "AuthenticationError", message: "Authentication failure" } };
    const m = /^\/api\/v1\/alert(?:\/([^/?]+))?$/.exec(req.path);
    if (!m) return { status: 404, body: { type: "NotFoundError", message: `${req.path} not found` } };
    const id = m[1] ? decodeURIComponent(m[1]) : null;
    if (req.method === "POST" && !id) {
      const b = req.body ?? {};
      for (const f of REQUIRED) if (typeof b[f] !== "string" || b[f] === "") return bad(`${f} is missing or not a string`);
      const alertId = `~${this.next++}`;
      this.alerts.set(alertId, { ...b, _id: alertId, status: "New", stage: "New" });
      return { status: 201, body: { _id: alertId, _type: "Alert", status: "New", stage: "New" } };
    }
    const alert = id ? this.alerts.get(id) : undefined;
    if (!alert) return { status: 404, body: { type: "NotFoundError", message: `Alert ${id} not found` } };
    if (req.method === "GET") return { status: 200, body: alert };
    if (req.method === "PATCH") {
      const b = req.body ?? {};
      if (b.status !== undefined) {
        const to = this.statuses[String(b.status)];
        if (!to) return bad(`Status ${String(b.status)} not found`);
        if (to === "Imported") return bad("The Imported status is set by TheHive when an alert is imported into a case");
        if (alert.stage === "Imported") return bad(`Alert ${id} was imported into a case; its status cannot be changed`);
        if (alert.stage === "Closed" && to !== "Closed") return bad(`Alert ${id} is closed: it cannot go back to ${to}`);
        if (alert.stage === "InProgress" && to === "New") return bad(`Alert ${id} is in progress: it cannot go back to New`);
        Object.assign(alert, { status: b.status, stage: to, _updatedBy: "vigil@soc", _updatedAt: Date.now() });
      }
      const { status: _s, ...rest } = b;
      Object.assign(alert, rest);
      return { status: 204, body: "" };
    }
    return { status: 405, body: { type: "BadRequest", message: `${req.method} not allowed` } };
  }
}
