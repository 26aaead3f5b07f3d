/**
 * Each ticketing system imitated by a real local HTTP server that checks the payload against the
 * vendor's documented fields (required fields present, types right, ADF well-formed), returns ids,
 * and fails on demand: push, push again (update, no duplicate), failing push (case unchanged), retry.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComment, addObservable, createCase } from "../cases/cases";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { ingestEvents } from "../ingest/ingest-events";
import { adfProblems } from "../test-support/adf-schema";
import irisTypes from "../test-support/fixtures/iris-ioc-types.json";
import { IrisImitation } from "../test-support/iris-imitation";
import { TheHiveImitation } from "../test-support/thehive-imitation";
import { closeTickets } from "./close-tickets";
import { pushCase } from "./push-case";
import { resetTicketSyncBackoff, syncTicketStatuses } from "./ticket-status-sync";
import { connectorWebhookSecret, signBody } from "./webhook-signature";
import { DEFAULT_WEBHOOK_TEMPLATE } from "./webhook-template";
import { seal } from "./secret-box";

interface Hit {
  method: string;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown> | null;
}
type Reply = { status: number; body: unknown };
let hits: Hit[] = [];
let fail = 0;
let handler: (h: Hit) => Reply = () => ({ status: 500, body: {} });
let server: Server;
let base = "";

const read = (req: IncomingMessage) => new Promise<string>((r) => {
  let d = "";
  req.on("data", (c) => (d += c));
  req.on("end", () => r(d));
});

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.VIGIL_ENCRYPTION_KEY = "33".repeat(32);
  server = createServer(async (req, res) => {
    const text = await read(req);
    const hit: Hit = { method: req.method!, path: req.url!, auth: req.headers.authorization, body: text ? JSON.parse(text) : null };
    if (fail) return void res.writeHead(fail).end('{"message":"down"}');
    hits.push(hit);
    const reply = handler(hit);
    res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const doc = {
    "@timestamp": new Date().toISOString(),
    event: { id: "v-1", category: ["process"], type: ["start"], action: "exec" },
    host: { name: "node-9", os: { type: "linux" }, ip: ["10.1.2.3"] },
    user: { name: "mallory" },
    process: { name: "kubectl", executable: "/usr/local/bin/kubectl", args: ["kubectl", "--as=admin"], parent: { name: "bash" } },
  };
  await ingestEvents([{ index: 0, doc }], []);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Jira would take it: valid against Atlassian's ADF schema. */
function expectAdf(doc: unknown) {
  expect(adfProblems(doc)).toBeNull();
}

async function scenario(kind: string, config: object, secret: object) {
  hits = [];
  const alert = await db().alert.findFirstOrThrow();
  const c = await createCase({ alertIds: [alert.id], description: "Impersonation on node-9", tags: ["k8s"] }, "alice");
  const connector = await db().connector.create({ data: { name: kind, kind, config: config as object, secret: seal(secret) } });
  await addComment(c.id, "first note", "alice");
  const first = await pushCase(c.id, connector.id, "alice", "http://vigil.test");
  await new Promise((r) => setTimeout(r, 5));
  await addComment(c.id, "second note", "bob");
  fail = 502;
  await expect(pushCase(c.id, connector.id, "alice", "http://vigil.test")).rejects.toThrow(/push failed: .*answered 502/);
  expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).externalId).toBe(first.external_id);
  fail = 0;
  const second = await pushCase(c.id, connector.id, "alice", "http://vigil.test");
  expect(second).toMatchObject({ result: "updated", external_id: first.external_id, comments_sent: 1 });
  return { c, first };
}

describe("ticketing connectors against imitations of their APIs", () => {
  it("Jira REST v3: issue with ADF description, priority from severity, labels with ATT&CK ids; update and comment", async () => {
    handler = (h) => {
      if (h.method === "POST" && h.path === "/rest/api/3/issue") {
        const f = (h.body as { fields: Record<string, unknown> }).fields;
        expect(f.project).toEqual({ key: "SEC" });
        expect(f.issuetype).toEqual({ name: "Task" });
        expect(typeof f.summary).toBe("string");
        expect(f.priority).toEqual({ name: "Low" });
        expect(f.labels).toEqual(expect.arrayContaining(["vigil", "T1550.001", "TA0005"]));
        expectAdf(f.description);
        return { status: 201, body: { id: "10001", key: "SEC-7", self: `${base}/rest/api/3/issue/10001` } };
      }
      if (h.method === "PUT" && h.path === "/rest/api/3/issue/SEC-7") return { status: 204, body: "" };
      if (h.method === "POST" && h.path === "/rest/api/3/issue/SEC-7/comment") {
        expectAdf((h.body as { body: unknown }).body);
        return { status: 201, body: { id: "1" } };
      }
      return { status: 404, body: { errorMessages: ["not found"] } };
    };
    const { first } = await scenario("jira", { baseUrl: base, projectKey: "SEC" }, { email: "bot@corp", apiToken: "t" });
    expect(first).toMatchObject({ result: "created", external_id: "SEC-7", external_url: `${base}/browse/SEC-7` });
    // The comment written before the first push goes with it; the update sends only the new one.
    expect(hits.map((h) => `${h.method} ${h.path}`)).toEqual(["POST /rest/api/3/issue", "POST /rest/api/3/issue/SEC-7/comment", "PUT /rest/api/3/issue/SEC-7", "POST /rest/api/3/issue/SEC-7/comment"]);
    expect(hits[0].auth).toBe(`Basic ${Buffer.from("bot@corp:t").toString("base64")}`);
    const comments = hits.filter((h) => h.path.endsWith("/comment")).map((h) => JSON.stringify(h.body));
    expect(comments[0]).toContain("first note");
    expect(comments[1]).toContain("second note");
    // Priority and labels are the ticket's analysts' once it exists.
    expect(Object.keys((hits[2].body as { fields: object }).fields).sort()).toEqual(["description", "summary"]);
  });

  it("Jira: a markdown description as real ADF, and one issue per connector however the case travels between connectors", async () => {
    let issues = 0;
    handler = (h) => {
      if (h.method === "POST" && h.path === "/rest/api/3/issue") {
        const description = (h.body as { fields: { description: unknown } }).fields.description;
        expectAdf(description);
        const types = JSON.stringify(description);
        for (const t of ['"heading"', '"orderedList"', '"codeBlock"', '"table"', '"strong"']) expect(types).toContain(t);
        expect(types).not.toContain("## Timeline");
        issues++;
        return { status: 201, body: { id: "10002", key: `SEC-${10 + issues}` } };
      }
      if (h.method === "PUT" && /^\/rest\/api\/3\/issue\/SEC-\d+$/.test(h.path)) return { status: 204, body: "" };
      if (h.method === "POST" && h.path === "/hooks") return { status: 201, body: { id: "W-1" } };
      if (h.method === "PUT" && h.path === "/hooks/W-1") return { status: 200, body: {} };
      return { status: 404, body: { errorMessages: ["not found"] } };
    };
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "## Timeline\n\n1. **carol** ran `kubectl --as=admin`\n2. tokens revoked\n\n```\nkubectl get pods\n```\n\n| host | user |\n|---|---|\n| node-9 | carol |", tags: [] }, "alice");
    const jira = await db().connector.create({ data: { name: "jira-2", kind: "jira", config: { baseUrl: base, projectKey: "SEC" }, secret: seal({ email: "bot@corp", apiToken: "t" }) } });
    const hook = await db().connector.create({ data: { name: "hook-2", kind: "webhook", config: { url: `${base}/hooks`, template: DEFAULT_WEBHOOK_TEMPLATE }, secret: null } });
    expect((await pushCase(c.id, jira.id, "alice", "http://vigil.test")).result).toBe("created");
    expect((await pushCase(c.id, hook.id, "alice", "http://vigil.test")).result).toBe("created");
    const again = await pushCase(c.id, jira.id, "alice", "http://vigil.test");
    expect(again).toMatchObject({ result: "updated", external_id: "SEC-11" });
    expect((await pushCase(c.id, hook.id, "alice", "http://vigil.test")).result).toBe("updated");
    expect(issues).toBe(1);
  });

  it("ServiceNow: incident with correlation_id upsert, urgency/impact from severity, work notes on update", async () => {
    handler = (h) => {
      if (h.method === "GET" && h.path.startsWith("/api/now/table/incident?")) return { status: 200, body: { result: [] } };
      if (h.method === "POST" && h.path === "/api/now/table/incident") {
        expect(h.body).toMatchObject({ urgency: "3", impact: "3", correlation_display: "Vigil" });
        expect(typeof (h.body as { correlation_id: string }).correlation_id).toBe("string");
        expect(typeof (h.body as { short_description: string }).short_description).toBe("string");
        return { status: 201, body: { result: { sys_id: "abc123", number: "INC0010001" } } };
      }
      if (h.method === "PATCH" && h.path === "/api/now/table/incident/abc123") {
        expect((h.body as { work_notes: string }).work_notes).toContain("second note");
        return { status: 200, body: { result: { sys_id: "abc123" } } };
      }
      return { status: 404, body: {} };
    };
    const { c, first } = await scenario("servicenow", { instanceUrl: base }, { username: "svc", password: "p" });
    expect(first.external_id).toBe("abc123");
    expect(decodeURIComponent(hits[0].path)).toContain(`correlation_id=${c.id}`);
    expect(hits.map((h) => h.method)).toEqual(["GET", "POST", "PATCH"]);
  });

  it("ServiceNow: assignment_group is the group's sys_id (looked up by name), never its display name", async () => {
    const GROUP = "8a4dde73c6112278017a6a4baf547aa7";
    handler = (h) => {
      if (h.method === "GET" && h.path.startsWith("/api/now/table/sys_user_group?")) {
        return { status: 200, body: { result: decodeURIComponent(h.path).includes("name=SOC Tier 1") ? [{ sys_id: GROUP }] : [] } };
      }
      if (h.method === "GET" && h.path.startsWith("/api/now/table/incident?")) return { status: 200, body: { result: [] } };
      if (h.method === "POST" && h.path === "/api/now/table/incident") {
        // A reference field: only a sys_id names a record.
        if (!/^[0-9a-f]{32}$/.test(String((h.body as { assignment_group?: unknown }).assignment_group))) return { status: 400, body: { error: { message: "assignment_group must be a sys_id" } } };
        return { status: 201, body: { result: { sys_id: "def456" } } };
      }
      if (h.method === "PATCH") return { status: 200, body: { result: { sys_id: "def456" } } };
      return { status: 404, body: {} };
    };
    await scenario("servicenow", { instanceUrl: base, assignmentGroup: "SOC Tier 1" }, { username: "svc", password: "p" });
    expect((hits.find((h) => h.method === "POST")!.body as { assignment_group: string }).assignment_group).toBe(GROUP);
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
    const unknown = await db().connector.create({ data: { name: "sn-unknown", kind: "servicenow", config: { instanceUrl: base, assignmentGroup: "No Such Team" }, secret: seal({ username: "svc", password: "p" }) } });
    await expect(pushCase(c.id, unknown.id, "alice", "http://vigil.test")).rejects.toThrow(/no assignment group named 'No Such Team'/);
  });

  it("TheHive 5: alert with type, source, sourceRef, severity 1–4, observables and ATT&CK procedures", async () => {
    handler = (h) => {
      if (h.method === "POST" && h.path === "/api/v1/alert") {
        const b = h.body as Record<string, unknown>;
        expect(b).toMatchObject({ type: "vigil", source: "Vigil", severity: 1, tlp: 2, pap: 2 });
        expect(typeof b.sourceRef).toBe("string");
        expect((b.observables as { dataType: string; data: string }[]).map((o) => o.dataType)).toEqual(expect.arrayContaining(["hostname", "ip", "filename"]));
        // Each technique under its own tactic from the rule's threat mapping, never the case's first.
        const procedures = Object.fromEntries((b.procedures as { patternId: string; tactic: string }[]).map((p) => [p.patternId, p.tactic]));
        expect(procedures).toMatchObject({ "T1550.001": "defense-evasion", T1552: "credential-access", T1528: "credential-access" });
        expect(b.externalLink).toMatch(/^http:\/\/vigil\.test\/cases\//);
        expect(b.description).toContain("first note");
        return { status: 201, body: { _id: "~4096", _type: "Alert" } };
      }
      if (h.method === "PATCH" && h.path === "/api/v1/alert/~4096") return { status: 204, body: "" };
      return { status: 404, body: {} };
    };
    const { first } = await scenario("thehive", { baseUrl: base }, { apiKey: "k" });
    expect(first).toMatchObject({ external_id: "~4096", external_url: `${base}/alerts/~4096/details` });
    expect(hits[0].auth).toBe("Bearer k");
    // The update rewrites the description whole: the first comment is still in it beside the new one.
    const patched = hits.find((h) => h.method === "PATCH")!.body as { description: string };
    expect(patched.description).toContain("first note");
    expect(patched.description).toContain("second note");
  });

  it("DFIR-IRIS: an alert IRIS's own validation takes (IOC types by name from its list, values fitting their regexes), and updates that leave its status to IRIS", async () => {
    const iris = new IrisImitation("k");
    handler = (h) => iris.handle(h);
    const { c, first } = await scenario("iris", { baseUrl: base }, { apiKey: "k" });
    expect(first).toMatchObject({ external_id: "1", external_url: `${base}/alerts?alert_ids=1` });
    expect(hits.map((h) => `${h.method} ${h.path}`)).toEqual(["GET /manage/ioc-types/list", "POST /alerts/add", "GET /manage/ioc-types/list", "POST /alerts/update/1"]);
    const sent = iris.alerts.get(1)!;
    expect(sent).toMatchObject({ alert_source: "Vigil", alert_severity_id: 3, alert_status_id: 2, alert_customer_id: 1 });
    const typeName = (id: number) => (irisTypes as { types: { type_id: number; type_name: string }[] }).types.find((t) => t.type_id === id)?.type_name;
    const iocs = (sent.alert_iocs as { ioc_value: string; ioc_type_id: number }[]).map((i) => [i.ioc_value, typeName(i.ioc_type_id)]);
    expect(iocs).toEqual(expect.arrayContaining([["10.1.2.3", "ip-any"], ["/usr/local/bin/kubectl", "file-path"]]));

    // Hashes by their length, a bare executable name as a filename; an IRIS analyst moves the alert on.
    for (const [type, value] of [["hash", "d41d8cd98f00b204e9800998ecf8427e"], ["hash", "da39a3ee5e6b4b0d3255bfef95601890afd80709"], ["hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"], ["executable", "kubectl"], ["hash", "not-a-hash"]] as const) {
      await addObservable(c.id, { type, value }, "alice");
    }
    iris.alerts.get(1)!.alert_status_id = 4; // In progress
    await pushCase(c.id, (await db().connector.findFirstOrThrow({ where: { kind: "iris" }, orderBy: { createdAt: "desc" } })).id, "alice", "http://vigil.test");
    const updated = iris.alerts.get(1)!;
    expect(updated.alert_status_id).toBe(4);
    const after = (updated.alert_iocs as { ioc_value: string; ioc_type_id: number }[]).map((i) => [i.ioc_value, typeName(i.ioc_type_id)]);
    expect(after).toEqual(
      expect.arrayContaining([
        ["d41d8cd98f00b204e9800998ecf8427e", "md5"],
        ["da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1"],
        ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256"],
        ["kubectl", "filename"],
      ]),
    );
    expect(after.map(([v]) => v)).not.toContain("not-a-hash");
  });

  it("the IRIS imitation refuses what IRIS refuses: an executable path sent as filename|sha256, an md5 sent as sha256", () => {
    const iris = new IrisImitation("k");
    const alert = (iocs: object[]) => iris.handle({ method: "POST", path: "/alerts/add", auth: "Bearer k", body: { alert_title: "t1", alert_severity_id: 3, alert_status_id: 2, alert_customer_id: 1, alert_iocs: iocs } });
    // What Vigil sent before: ids 46 (filename|sha256) and 113 (sha256) whatever the value.
    expect(alert([{ ioc_value: "/usr/local/bin/kubectl", ioc_type_id: 46, ioc_tlp_id: 2 }])).toMatchObject({ status: 400, body: { data: { ioc_ioc_value: [expect.stringContaining("expected format")] } } });
    expect(alert([{ ioc_value: "d41d8cd98f00b204e9800998ecf8427e", ioc_type_id: 113, ioc_tlp_id: 2 }]).status).toBe(400);
    expect(alert([{ ioc_value: "D41D8CD98F00B204E9800998ECF8427E", ioc_type_id: 90, ioc_tlp_id: 2 }]).status).toBe(200);
    expect(iris.handle({ method: "POST", path: "/alerts/add", auth: "Bearer k", body: { alert_title: "t1" } })).toMatchObject({ status: 400, body: { data: { alert_severity_id: ["Missing data for required field."] } } });
    expect(iris.handle({ method: "GET", path: "/manage/ioc-types/list", auth: "Bearer nope", body: null }).status).toBe(401);
  });

  it("status sync: a ticket closed in Jira, ServiceNow, TheHive or IRIS closes its case in Vigil, with who and when in the timeline and the audit log", async () => {
    resetTicketSyncBackoff();
    await db().case.updateMany({ data: { status: "closed" } }); // the cases of the tests above stay out of it
    const iris = new IrisImitation("k");
    const closedAt = new Date("2026-12-02T09:30:00Z");
    let closed = false;
    handler = (h) => {
      if (h.path === "/manage/ioc-types/list" || h.path.startsWith("/alerts")) return iris.handle(h);
      if (h.method === "POST" && h.path === "/rest/api/3/issue") return { status: 201, body: { id: "1", key: "SYNC-1" } };
      if (h.method === "GET" && h.path.startsWith("/rest/api/3/issue/SYNC-1?")) {
        return { status: 200, body: { fields: { status: closed ? { name: "Done", statusCategory: { key: "done" } } : { name: "In Progress", statusCategory: { key: "indeterminate" } }, resolutiondate: closed ? closedAt.toISOString() : null } } };
      }
      if (h.method === "GET" && h.path.startsWith("/api/now/table/incident?")) return { status: 200, body: { result: [] } };
      if (h.method === "POST" && h.path === "/api/now/table/incident") return { status: 201, body: { result: { sys_id: "f".repeat(32) } } };
      if (h.method === "GET" && h.path.startsWith(`/api/now/table/incident/${"f".repeat(32)}?`)) {
        return { status: 200, body: { result: { state: closed ? { value: "6", display_value: "Resolved" } : { value: "2", display_value: "In Progress" }, resolved_by: { value: "u1", display_value: closed ? "Sam Ops" : "" }, resolved_at: { value: closed ? "2026-12-02 09:30:00" : "" } } } };
      }
      if (h.method === "POST" && h.path === "/api/v1/alert") return { status: 201, body: { _id: "~77" } };
      if (h.method === "GET" && h.path === "/api/v1/alert/~77") return { status: 200, body: { status: closed ? "FalsePositive" : "New", stage: closed ? "Closed" : "New", _updatedBy: "kim@soc", _updatedAt: closedAt.getTime() } };
      return { status: 404, body: {} };
    };
    const alert = await db().alert.findFirstOrThrow();
    const cases: Record<string, string> = {};
    for (const [kind, cfg, secret] of [
      ["jira", { baseUrl: base, projectKey: "SEC" }, { email: "bot@corp", apiToken: "t" }],
      ["servicenow", { instanceUrl: base }, { username: "svc", password: "p" }],
      ["thehive", { baseUrl: base }, { apiKey: "k" }],
      ["iris", { baseUrl: base }, { apiKey: "k" }],
    ] as const) {
      const c = await createCase({ alertIds: [alert.id], description: "", tags: [], title: `sync ${kind}` }, "alice");
      const connector = await db().connector.create({ data: { name: `sync-${kind}`, kind, config: cfg, secret: seal(secret) } });
      await pushCase(c.id, connector.id, "alice", "http://vigil.test");
      cases[kind] = c.id;
    }
    // Still open in every system: nothing changes.
    expect(await syncTicketStatuses(60_000)).toEqual({ checked: 4, closed: 0, failed: 0 });
    closed = true;
    iris.close(1, "iris-analyst", closedAt);
    expect(await syncTicketStatuses(60_000)).toEqual({ checked: 4, closed: 4, failed: 0 });
    for (const [kind, id] of Object.entries(cases)) {
      expect((await db().case.findUniqueOrThrow({ where: { id } })).status, kind).toBe("closed");
      const entry = await db().caseTimeline.findFirstOrThrow({ where: { caseId: id, action: "closed_in_ticket" } });
      expect(entry.at.toISOString(), kind).toBe(closedAt.toISOString());
      expect(await db().auditEntry.count({ where: { targetId: id, action: "case.close_from_ticket" } }), kind).toBe(1);
    }
    const actors = await db().caseTimeline.findMany({ where: { action: "closed_in_ticket", caseId: { in: Object.values(cases) } }, select: { actor: true } });
    expect(actors.map((a) => a.actor).sort()).toEqual(["sync-iris: iris-analyst", "sync-jira", "sync-servicenow: Sam Ops", "sync-thehive: kim@soc"]);
    // Closed cases are not asked about again.
    expect(await syncTicketStatuses(60_000)).toEqual({ checked: 0, closed: 0, failed: 0 });
  });

  it("status sync backs off a connector that fails, without holding up the others", async () => {
    resetTicketSyncBackoff();
    await db().case.updateMany({ data: { status: "closed" } });
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
    const connector = await db().connector.create({ data: { name: "sync-down", kind: "thehive", config: { baseUrl: base }, secret: seal({ apiKey: "k" }) } });
    handler = () => ({ status: 201, body: { _id: "~88" } });
    await pushCase(c.id, connector.id, "alice", "http://vigil.test");
    fail = 503;
    const t0 = Date.now();
    expect(await syncTicketStatuses(60_000, t0)).toMatchObject({ failed: 1 });
    expect(await syncTicketStatuses(60_000, t0 + 30_000)).toMatchObject({ checked: 0, failed: 0 }); // held for one interval
    expect(await syncTicketStatuses(60_000, t0 + 61_000)).toMatchObject({ failed: 1 }); // tried again, now held for two
    expect(await syncTicketStatuses(60_000, t0 + 61_000 + 90_000)).toMatchObject({ checked: 0, failed: 0 });
    fail = 0;
  });

  it("a signed notification from the ticketing system syncs that connector's tickets at once; unsigned or wrongly signed ones are refused", async () => {
    process.env.BETTER_AUTH_SECRET = "vendors-test-secret-vendors-test-secret";
    resetTicketSyncBackoff();
    await db().case.updateMany({ data: { status: "closed" } });
    let done = false;
    handler = (h) => {
      if (h.method === "POST" && h.path === "/rest/api/3/issue") return { status: 201, body: { id: "9", key: "HOOK-1" } };
      if (h.method === "GET" && h.path.startsWith("/rest/api/3/issue/HOOK-1?")) return { status: 200, body: { fields: { status: { name: done ? "Done" : "To Do", statusCategory: { key: done ? "done" : "new" } }, resolutiondate: null } } };
      return { status: 404, body: {} };
    };
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
    const connector = await db().connector.create({ data: { name: "jira-hook", kind: "jira", config: { baseUrl: base, projectKey: "SEC" }, secret: seal({ email: "bot@corp", apiToken: "t" }) } });
    await pushCase(c.id, connector.id, "alice", "http://vigil.test");
    const { POST } = await import("../../app/api/v1/connectors/[id]/notify/route");
    const body = Buffer.from(JSON.stringify({ webhookEvent: "jira:issue_updated", issue: { key: "HOOK-1" } }));
    const notify = (headers: Record<string, string>) => POST(new Request(`http://vigil.test/api/v1/connectors/${connector.id}/notify`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }), { params: Promise.resolve({ id: connector.id }) });
    expect((await notify({})).status).toBe(401);
    expect((await notify({ "x-hub-signature": signBody(body, "not-the-secret") })).status).toBe(401);
    done = true;
    const ok = await notify({ "x-hub-signature": signBody(body, connectorWebhookSecret(connector.id)) });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ checked: 1, closed: 1 });
    expect((await db().case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("closed");
    // Replayed: nothing left to close.
    expect(await (await notify({ "x-hub-signature-256": signBody(body, connectorWebhookSecret(connector.id)) })).json()).toEqual({ checked: 0, closed: 0 });
  });

  it("closing a case in Vigil closes its tickets where the system lets Vigil: Jira by a done transition, ServiceNow resolved with a code, IRIS closed", async () => {
    const iris = new IrisImitation("k");
    const transitions: Record<string, unknown>[] = [];
    let snPatch: Record<string, unknown> | null = null;
    let offerDone = true;
    handler = (h) => {
      if (h.path === "/manage/ioc-types/list" || h.path.startsWith("/alerts")) return iris.handle(h);
      if (h.method === "POST" && h.path === "/rest/api/3/issue") return { status: 201, body: { id: "3", key: "CLOSE-1" } };
      if (h.method === "GET" && h.path === "/rest/api/3/issue/CLOSE-1/transitions") {
        return { status: 200, body: { transitions: [{ id: "11", name: "Start", to: { statusCategory: { key: "indeterminate" } } }, ...(offerDone ? [{ id: "31", name: "Done", to: { statusCategory: { key: "done" } } }] : [])] } };
      }
      if (h.method === "POST" && h.path === "/rest/api/3/issue/CLOSE-1/transitions") return transitions.push(h.body!), { status: 204, body: "" };
      if (h.method === "POST" && h.path === "/rest/api/3/issue/CLOSE-1/comment") {
        expectAdf((h.body as { body: unknown }).body);
        return { status: 201, body: { id: "5" } };
      }
      if (h.method === "GET" && h.path.startsWith("/api/now/table/incident?")) return { status: 200, body: { result: [] } };
      if (h.method === "POST" && h.path === "/api/now/table/incident") return { status: 201, body: { result: { sys_id: "c".repeat(32) } } };
      if (h.method === "PATCH" && h.path === `/api/now/table/incident/${"c".repeat(32)}`) return (snPatch = h.body), { status: 200, body: { result: {} } };
      return { status: 404, body: {} };
    };
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
    for (const [kind, cfg, secret] of [
      ["jira", { baseUrl: base, projectKey: "SEC" }, { email: "bot@corp", apiToken: "t" }],
      ["servicenow", { instanceUrl: base }, { username: "svc", password: "p" }],
      ["iris", { baseUrl: base }, { apiKey: "k" }],
    ] as const) {
      const connector = await db().connector.create({ data: { name: `close-${kind}`, kind, config: cfg, secret: seal(secret) } });
      await pushCase(c.id, connector.id, "alice", "http://vigil.test");
    }
    expect(await closeTickets(c.id, "alice", "http://vigil.test")).toEqual({ closed: ["close-iris", "close-servicenow", "close-jira"], failed: [], left: [] });
    expect(transitions).toEqual([{ transition: { id: "31" } }]);
    expect(snPatch).toMatchObject({ state: "6", close_code: "Solved (Permanently)", close_notes: expect.stringContaining("Closed in Vigil by alice") });
    expect(iris.alerts.get(1)).toMatchObject({ alert_status_id: 6, alert_resolution_status_id: 5 });
    // A workflow with no way to done: the failure is recorded on the case, which stays closed.
    offerDone = false;
    expect((await closeTickets(c.id, "alice", "http://vigil.test")).failed).toEqual(["close-jira"]);
    expect(await db().caseTimeline.findFirst({ where: { caseId: c.id, action: "ticket_close_failed" } })).toMatchObject({ detail: { reason: expect.stringContaining("no transition of CLOSE-1 to a done status") } });
  });

  it("closing a case in Vigil closes its TheHive alert with a Closed-stage status and a summary; one imported into a TheHive case is left to it; a status the instance lacks fails, recorded", async () => {
    const hive = new TheHiveImitation("k", { Resolved: "Closed" });
    handler = (h) => hive.handle(h);
    const alert = await db().alert.findFirstOrThrow();
    const push = async (config: object) => {
      const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
      const connector = await db().connector.create({ data: { name: `hive-${Object.values(config).join("-").replace(/[^a-z0-9-]/gi, "")}-${c.id.slice(0, 4)}`, kind: "thehive", config: { baseUrl: base, ...config }, secret: seal({ apiKey: "k" }) } });
      const pushed = await pushCase(c.id, connector.id, "alice", "http://vigil.test");
      return { c, connector, id: pushed.external_id! };
    };
    const timeline = async (caseId: string) => (await db().caseTimeline.findMany({ where: { caseId, action: { startsWith: "ticket_" } } })).map((t) => [t.action, (t.detail as { reason?: string }).reason ?? null]);

    const plain = await push({});
    expect(await closeTickets(plain.c.id, "alice", "http://vigil.test")).toEqual({ closed: [plain.connector.name], failed: [], left: [] });
    expect(hive.alerts.get(plain.id)).toMatchObject({ status: "Ignored", stage: "Closed", summary: expect.stringContaining("Closed in Vigil by alice") });
    // Status sync then reads it as closed (it would close the case, were it open).
    const { connectorDriver } = await import("./open-connector");
    const target = connectorDriver(plain.connector)!;
    expect(await target.driver.status!(plain.id, target.settings().config, target.settings().secret)).toMatchObject({ closed: true, state: "Ignored" });
    // Closing again: already closed in TheHive, nothing sent.
    const patches = hits.filter((h) => h.method === "PATCH").length;
    expect((await closeTickets(plain.c.id, "alice", "http://vigil.test")).left).toEqual([plain.connector.name]);
    expect(hits.filter((h) => h.method === "PATCH").length).toBe(patches);

    const custom = await push({ closeStatus: "Resolved" });
    hive.importIntoCase(custom.id);
    expect(await closeTickets(custom.c.id, "alice", "http://vigil.test")).toEqual({ closed: [], failed: [], left: [custom.connector.name] });
    expect(hive.alerts.get(custom.id)).toMatchObject({ status: "Imported", stage: "Imported" });
    expect(await timeline(custom.c.id)).toEqual([["ticket_left_open", expect.stringContaining("imported into a TheHive case")]]);

    const unknown = await push({ closeStatus: "Solved" });
    expect(await closeTickets(unknown.c.id, "alice", "http://vigil.test")).toEqual({ closed: [], failed: [unknown.connector.name], left: [] });
    expect(await timeline(unknown.c.id)).toEqual([["ticket_close_failed", expect.stringContaining("Status Solved not found")]]);
    expect(hive.alerts.get(unknown.id)).toMatchObject({ stage: "New" });
  });

  it("Jira: an issue created whose comments then fail is kept, not created again; the next push updates it and sends the comments", async () => {
    let issues = 0;
    let commentsFail = true;
    const comments: string[] = [];
    handler = (h) => {
      if (h.method === "POST" && h.path === "/rest/api/3/issue") return issues++, { status: 201, body: { id: "4", key: "PART-1" } };
      if (h.method === "POST" && h.path === "/rest/api/3/issue/PART-1/comment") {
        if (commentsFail) return { status: 500, body: { errorMessages: ["comment store unavailable"] } };
        comments.push(JSON.stringify(h.body));
        return { status: 201, body: { id: "c" } };
      }
      if (h.method === "PUT" && h.path === "/rest/api/3/issue/PART-1") return { status: 204, body: "" };
      return { status: 404, body: {} };
    };
    const alert = await db().alert.findFirstOrThrow();
    const c = await createCase({ alertIds: [alert.id], description: "", tags: [] }, "alice");
    await addComment(c.id, "written before the first push", "alice");
    const connector = await db().connector.create({ data: { name: "jira-partial", kind: "jira", config: { baseUrl: base, projectKey: "SEC" }, secret: seal({ email: "bot@corp", apiToken: "t" }) } });
    await expect(pushCase(c.id, connector.id, "alice", "http://vigil.test")).rejects.toThrow(/push incomplete: jira-partial created PART-1, but its comments were not sent/);
    commentsFail = false;
    expect(await pushCase(c.id, connector.id, "alice", "http://vigil.test")).toMatchObject({ result: "updated", external_id: "PART-1", comments_sent: 1 });
    expect(issues).toBe(1);
    expect(comments.join()).toContain("written before the first push");
  });
});
