/**
 * A rule's actions: on new alerts, a message to a webhook (JSON), a Slack-compatible incoming
 * webhook, or email (SMTP) — at most one per throttle window per rule, summarising every alert
 * since the last one. Stored on the rule (`actions`), kept across newer versions of it.
 */
import { z } from "zod";
import { ZConnectorUrl } from "../../connectors/url-policy";

export const ZActionTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("webhook"), url: ZConnectorUrl }).strict(),
  z.object({ kind: z.literal("slack"), url: ZConnectorUrl }).strict(),
  z.object({ kind: z.literal("email"), to: z.array(z.email("not an email address")).min(1).max(20) }).strict(),
]);
export type TActionTarget = z.infer<typeof ZActionTarget>;

export const DEFAULT_TEMPLATE = "{{count}} new alert(s) for “{{rule.name}}” ({{rule.severity}}, risk {{rule.risk_score}}). Latest: {{latest.user}}@{{latest.host}}: {{latest.command_line}} — {{latest.url}}";

export const ZRuleActions = z
  .object({
    targets: z.array(ZActionTarget).max(10),
    /** At most one message per rule in this many minutes; the next one summarises the rest. */
    throttle_minutes: z.number().int().min(0).max(1440).default(10),
    /** The message, with {{count}}, {{rule.name}}, {{rule.severity}}, {{rule.risk_score}}, {{latest.host}}, {{latest.user}}, {{latest.command_line}}, {{latest.url}}. */
    template: z.string().min(1).max(2000).default(DEFAULT_TEMPLATE),
  })
  .strict();
export type TRuleActions = z.infer<typeof ZRuleActions>;

/** A stored `actions` column as the model (none for the empty default or anything unreadable). */
export function actionsOf(stored: unknown): TRuleActions | null {
  const parsed = ZRuleActions.safeParse(stored);
  return parsed.success && parsed.data.targets.length ? parsed.data : null;
}

export interface ActionAlert {
  id: string;
  host: string | null;
  user: string | null;
  command_line: string | null;
  event_time: Date;
}

export interface ActionMessage {
  rule: { id: string; rule_id: string; name: string; severity: string; risk_score: number };
  count: number;
  /** The latest alerts (at most 20), newest first. */
  alerts: ActionAlert[];
  baseUrl: string;
}

/**
 * The message text: placeholders replaced by this batch's values. Attacker-controlled values
 * (host, user, command line) go in as text only; the Slack sender escapes them again for Slack.
 */
export function renderTemplate(template: string, m: ActionMessage): string {
  const latest = m.alerts[0];
  const values: Record<string, string> = {
    count: String(m.count),
    "rule.name": m.rule.name,
    "rule.severity": m.rule.severity,
    "rule.risk_score": String(m.rule.risk_score),
    "latest.host": latest?.host ?? "?",
    "latest.user": latest?.user ?? "?",
    "latest.command_line": (latest?.command_line ?? "").slice(0, 500),
    "latest.url": latest ? `${m.baseUrl}/alerts/${latest.id}` : `${m.baseUrl}/alerts`,
  };
  return template.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}
