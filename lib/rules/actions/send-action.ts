/**
 * Delivery of one action message: a webhook gets the structured JSON, a Slack incoming webhook a
 * `text` with Slack's control characters escaped (so a command line cannot mention @channel or
 * forge a link), email a plain-text message over SMTP (VIGIL_SMTP_URL). HTTP goes through the
 * connectors' guarded dispatcher (no link-local or metadata addresses); every call is bounded in time.
 */
import { fetch } from "undici";
import { config } from "../../config";
import { connectorAgent } from "../../connectors/url-policy";
import { renderTemplate, type ActionMessage, type TActionTarget } from "./rule-actions";

const TIMEOUT_MS = 10_000;

/** Slack's escaping for message text: &, < and > (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), dispatcher: connectorAgent(), signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text().catch(() => "");
  if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
}

export async function sendAction(target: TActionTarget, template: string, m: ActionMessage): Promise<void> {
  const text = renderTemplate(template, m);
  if (target.kind === "webhook") {
    return post(target.url, {
      text,
      rule: m.rule,
      count: m.count,
      alerts: m.alerts.map((a) => ({ ...a, event_time: a.event_time.toISOString(), url: `${m.baseUrl}/alerts/${a.id}` })),
    });
  }
  if (target.kind === "slack") return post(target.url, { text: slackEscape(text) });
  const c = config();
  if (!c.VIGIL_SMTP_URL) throw new Error("email needs VIGIL_SMTP_URL (smtp://user:password@host:587)");
  const url = new URL(c.VIGIL_SMTP_URL);
  // Loaded on first use: the server keeps no mail code in memory unless a rule sends email.
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === "smtps:" ? 465 : 587),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: c.VIGIL_SMTP_FROM,
      to: target.to,
      subject: `[Vigil] ${m.count} new alert(s): ${m.rule.name}`.replace(/[\r\n]+/g, " ").slice(0, 200),
      text: `${text}\n\n${m.alerts.map((a) => `- ${a.event_time.toISOString()} ${a.user ?? "?"}@${a.host ?? "?"}: ${a.command_line ?? ""}\n  ${m.baseUrl}/alerts/${a.id}`).join("\n")}\n`,
    });
  } finally {
    transport.close();
  }
}
