/**
 * Rule actions against real servers: a webhook receiver, an imitation of Slack's incoming webhooks
 * that refuses what Slack refuses (non-JSON bodies, no `text`: 400 `invalid_payload` / `no_text`),
 * and a local SMTP server (smtp-server). New alerts are announced once per throttle window, the
 * rest summarised in the next message; attacker-controlled text cannot ping a Slack channel; a
 * failing target is recorded on the rule.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { syncRules } from "../../detect";
import { ingestEvents } from "../../ingest/ingest-events";
import { updateRule } from "../catalog/update-rules";
import { ruleDetail } from "../catalog/rule-detail";
import { notifyNewAlerts } from "./notify-new-alerts";
import { slackEscape } from "./send-action";
import { createActionPolicy, deleteActionPolicy, listActionPolicies, updateActionPolicy, ZActionPolicyInput } from "./action-policies";

const SEED = "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d";
const received: { path: string; body: unknown }[] = [];
const mails: string[] = [];
let http_: http.Server;
let smtp: SMTPServer;
let base = "";
let n = 0;

const kubectl = (cmd: string) => ({
  "@timestamp": new Date().toISOString(),
  event: { id: `act-${++n}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: "node-x", os: { type: "linux" } },
  user: { name: "mallory" },
  process: { pid: 100 + n, name: "kubectl", args: cmd.split(" "), command_line: cmd, parent: { name: "bash", pid: 99 } },
});
const ingest = (docs: unknown[]) => ingestEvents(docs.map((doc, index) => ({ index, doc })), []);

beforeAll(async () => {
  http_ = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.url === "/broken") return void res.writeHead(500).end("down");
      if (req.url?.startsWith("/slack")) {
        // Slack's incoming webhooks: a JSON body with a non-empty text (or blocks), else 400 with a reason.
        let parsed: { text?: unknown } | null = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          return void res.writeHead(400).end("invalid_payload");
        }
        if (!/^application\/json/.test(req.headers["content-type"] ?? "")) return void res.writeHead(400).end("invalid_payload");
        if (typeof parsed?.text !== "string" || parsed.text.trim() === "") return void res.writeHead(400).end("no_text");
      }
      received.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => http_.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(http_.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      let text = "";
      stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
      stream.on("end", () => {
        mails.push(text);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  process.env.VIGIL_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.VIGIL_URL = "https://vigil.example";
  process.env.DATABASE_URL = await createTestDatabase();
  await syncRules();
});

afterAll(async () => {
  http_?.close();
  await new Promise<void>((r) => smtp?.close(() => r()));
});

describe("rule actions", () => {
  it("announces new alerts to a webhook, Slack and email once per throttle window, then summarises the rest", async () => {
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: SEED } });
    await updateRule(db(), seed.id, { actions: { targets: [{ kind: "webhook", url: `${base}/hook` }, { kind: "slack", url: `${base}/slack/T1` }, { kind: "email", to: ["soc@example.com"] }], throttle_minutes: 10, template: "{{count}} new: {{rule.name}} — {{latest.command_line}} {{latest.url}}" } });
    await ingest([kubectl("kubectl --as=admin get secrets <!channel> <https://evil.example|click>")]);
    const t0 = new Date();
    expect(await notifyNewAlerts(t0)).toEqual({ messages: 1, failures: 0 });
    const hook = received.find((r) => r.path === "/hook")!.body as { count: number; alerts: { url: string }[]; rule: { rule_id: string } };
    expect(hook).toMatchObject({ count: 1, rule: { rule_id: SEED } });
    expect(hook.alerts[0].url).toMatch(/^https:\/\/vigil\.example\/alerts\/[0-9a-f-]{36}$/);
    const slack = (received.find((r) => r.path === "/slack/T1")!.body as { text: string }).text;
    expect(slack).toContain("&lt;!channel&gt; &lt;https://evil.example|click&gt;");
    expect(slack).not.toContain("<!channel>");
    expect(mails).toHaveLength(1);
    // Headers unfolded (RFC 5322 folds long lines with CRLF and a space).
    expect(mails[0].replace(/\r?\n /g, " ")).toMatch(/Subject: \[Vigil\] 1 new alert\(s\): Potential Impersonation Attempt via Kubectl/);
    expect(mails[0]).toContain("To: soc@example.com");

    // Within the throttle window: nothing sent; after it, one message summarising both new alerts.
    await ingest([kubectl("kubectl --as=a get pods"), kubectl("kubectl --as=b get pods")]);
    expect(await notifyNewAlerts(new Date(t0.getTime() + 60_000))).toEqual({ messages: 0, failures: 0 });
    expect(await notifyNewAlerts(new Date(t0.getTime() + 11 * 60_000))).toEqual({ messages: 1, failures: 0 });
    expect((received.filter((r) => r.path === "/hook").at(-1)!.body as { count: number }).count).toBe(2);
    expect(mails).toHaveLength(2);
  });

  it("records a failing target on the rule and still delivers to the others", async () => {
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: SEED } });
    await updateRule(db(), seed.id, { actions: { targets: [{ kind: "webhook", url: `${base}/broken` }, { kind: "slack", url: `${base}/slack/T2` }], throttle_minutes: 0, template: "{{count}}" } });
    await db().ruleActionState.deleteMany({});
    await new Promise((r) => setTimeout(r, 5));
    await ingest([kubectl("kubectl --token=x get pods")]);
    expect(await notifyNewAlerts(new Date())).toEqual({ messages: 1, failures: 1 });
    const detail = await ruleDetail(db(), seed.id);
    expect(detail.action_state).toMatchObject({ sent: 1, failed: 1, last_error: expect.stringMatching(/^webhook: 127\.0\.0\.1:\d+ answered 500: down/) });
    expect(received.some((r) => r.path === "/slack/T2")).toBe(true);
  });

  it("announces alerts of every rule at or above a policy's severity, per rule and throttled, and records its failures", async () => {
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: SEED } });
    await updateRule(db(), seed.id, { actions: null });
    const policy = await createActionPolicy(db(), ZActionPolicyInput.parse({ name: "on-call", min_severity: "high", actions: { targets: [{ kind: "webhook", url: `${base}/oncall` }], throttle_minutes: 10 } }), "alice");
    const oncall = () => received.filter((r) => r.path === "/oncall").map((r) => r.body as { count: number; rule: { rule_id: string; severity: string } });
    await new Promise((r) => setTimeout(r, 5));

    // The seed rule is low: its alerts are not the policy's.
    await ingest([kubectl("kubectl --as=low get pods")]);
    expect(await notifyNewAlerts(new Date())).toEqual({ messages: 0, failures: 0 });
    // Raised to high by an analyst: its new alerts are.
    await updateRule(db(), seed.id, { severity: "high" });
    await syncRules();
    await ingest([kubectl("kubectl --as=high1 get pods"), kubectl("kubectl --as=high2 get pods")]);
    const t0 = new Date();
    expect(await notifyNewAlerts(t0)).toEqual({ messages: 1, failures: 0 });
    expect(oncall()).toEqual([expect.objectContaining({ count: 2, rule: expect.objectContaining({ rule_id: SEED, severity: "high" }) })]);
    // Throttled per rule; after the window, one message summarising the rest.
    await ingest([kubectl("kubectl --as=high3 get pods")]);
    expect(await notifyNewAlerts(new Date(t0.getTime() + 60_000))).toEqual({ messages: 0, failures: 0 });
    expect(await notifyNewAlerts(new Date(t0.getTime() + 11 * 60_000))).toEqual({ messages: 1, failures: 0 });
    expect(oncall().at(-1)!.count).toBe(1);

    expect((await listActionPolicies(db()))[0].state).toMatchObject({ sent: 2, failed: 0, last_error: null });

    // A failing target is recorded on the policy (its clock set back to now: the calls above ran ahead of it).
    await updateActionPolicy(db(), policy.id, { actions: { targets: [{ kind: "webhook", url: `${base}/broken` }], throttle_minutes: 0, template: "{{count}}" } });
    await db().actionPolicyState.updateMany({ data: { notifiedTo: new Date(), lastSentAt: null } });
    await new Promise((r) => setTimeout(r, 5));
    await ingest([kubectl("kubectl --as=high4 get pods")]);
    expect(await notifyNewAlerts(new Date())).toEqual({ messages: 1, failures: 1 });
    const [listed] = await listActionPolicies(db());
    expect(listed.state).toMatchObject({ sent: 2, failed: 1, last_error: expect.stringMatching(/^Potential Impersonation Attempt via Kubectl: webhook: 127\.0\.0\.1:\d+ answered 500/) });
    expect(ZActionPolicyInput.safeParse({ name: "x", min_severity: "urgent", actions: { targets: [{ kind: "webhook", url: `${base}/x` }] } }).error?.issues[0].message).toMatch(/min_severity must be one of low, medium, high, critical/);
    expect(ZActionPolicyInput.safeParse({ name: "x", min_severity: "low", actions: { targets: [] } }).success).toBe(false);
    await deleteActionPolicy(db(), policy.id);
    await updateRule(db(), seed.id, { severity: null });
  });

  it("refuses targets the connector URL policy refuses, and escapes Slack's control characters", async () => {
    const { ZRulePatch } = await import("../catalog/update-rules");
    expect(ZRulePatch.safeParse({ actions: { targets: [{ kind: "webhook", url: "http://169.254.169.254/latest" }] } }).success).toBe(false);
    expect(ZRulePatch.safeParse({ actions: { targets: [{ kind: "email", to: ["not-an-address"] }] } }).success).toBe(false);
    expect(slackEscape("a & <b> c")).toBe("a &amp; &lt;b&gt; c");
  });
});
