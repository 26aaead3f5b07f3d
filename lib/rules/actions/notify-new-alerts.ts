/**
 * The actions loop: for each rule with actions, and for each policy over every rule at or above a
 * severity, the alerts created since it last notified — at most one message per rule per throttle
 * window, which summarises every alert since the last one.
 * A failed delivery is recorded on the rule (count, last error, when) and shown on its page; the
 * alerts it covered are not sent again (the next message summarises the next ones).
 */
import { pgPool } from "../../db/pg-pool";
import { config, publicUrl } from "../../config";
import { startPeriodicTask } from "../../scheduling/periodic-task";
import { severitiesFrom } from "./action-policies";
import { actionsOf, type ActionMessage, type TRuleActions } from "./rule-actions";
import { sendAction } from "./send-action";

export async function notifyNewAlerts(now = new Date()): Promise<{ messages: number; failures: number }> {
  // Through the ingest pool first: a server with no actions never loads Prisma's client for this loop.
  const any = await pgPool().query(`SELECT 1 FROM "rule" WHERE "enabled" AND "actions" <> '[]'::jsonb UNION ALL SELECT 1 FROM "action_policy" WHERE "enabled" LIMIT 1`);
  if (any.rowCount === 0) return { messages: 0, failures: 0 };
  const own = await notifyRuleActions(now);
  const byPolicy = await notifyByPolicies(now);
  return { messages: own.messages + byPolicy.messages, failures: own.failures + byPolicy.failures };
}

/** Each rule's own actions. */
async function notifyRuleActions(now: Date): Promise<{ messages: number; failures: number }> {
  const { db } = await import("../../db/client");
  const rules = await db().rule.findMany({ where: { enabled: true, NOT: { actions: { equals: [] } } }, select: { id: true, ruleId: true, name: true, severity: true, severityOverride: true, riskScore: true, riskScoreOverride: true, actions: true, updatedAt: true } });
  let messages = 0;
  let failures = 0;
  for (const r of rules) {
    const actions = actionsOf(r.actions);
    if (!actions) continue;
    // Alerts from before the actions were set are not announced.
    const state = (await db().ruleActionState.findUnique({ where: { ruleId: r.id } })) ?? (await db().ruleActionState.create({ data: { ruleId: r.id, notifiedTo: r.updatedAt } }));
    if (state.lastSentAt && now.getTime() - state.lastSentAt.getTime() < actions.throttle_minutes * 60_000) continue;
    const where = { ruleId: r.ruleId, createdAt: { gt: state.notifiedTo, lte: now } };
    const count = await db().alert.count({ where });
    if (count === 0) continue;
    const errors = await deliver(actions, r, count, await latestAlerts(where));
    messages++;
    failures += errors.length;
    await db().ruleActionState.update({
      where: { ruleId: r.id },
      data: {
        notifiedTo: now,
        lastSentAt: now,
        sent: { increment: actions.targets.length - errors.length },
        failed: { increment: errors.length },
        ...(errors.length ? { lastError: errors.join("; ").slice(0, 2000), lastErrorAt: now } : {}),
      },
    });
  }
  return { messages, failures };
}

type RuleFacts = { id: string; ruleId: string; name: string; severity: string; severityOverride: string | null; riskScore: number; riskScoreOverride: number | null };

async function latestAlerts(where: { ruleId: string; createdAt: { gt: Date; lte: Date }; severity?: { in: string[] } }) {
  const { db } = await import("../../db/client");
  return db().alert.findMany({ where, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, hostName: true, userName: true, commandLine: true, eventTimestamp: true } });
}

/** Sends one message to every target; answers the failures. */
async function deliver(actions: TRuleActions, r: RuleFacts, count: number, latest: Awaited<ReturnType<typeof latestAlerts>>): Promise<string[]> {
  const message: ActionMessage = {
    rule: { id: r.id, rule_id: r.ruleId, name: r.name, severity: r.severityOverride ?? r.severity, risk_score: r.riskScoreOverride ?? r.riskScore },
    count,
    alerts: latest.map((a) => ({ id: a.id, host: a.hostName, user: a.userName, command_line: a.commandLine, event_time: a.eventTimestamp })),
    baseUrl: publicUrl(),
  };
  const errors: string[] = [];
  for (const target of actions.targets) {
    try {
      await sendAction(target, actions.template, message);
    } catch (err) {
      errors.push(`${target.kind}: ${(err as Error).message}`);
    }
  }
  return errors;
}

/**
 * Policies for every rule at or above a severity: per policy, one query finds the rules with new
 * alerts of those severities since that rule's last message, then each is throttled and sent as a
 * rule's own actions are. Alerts from before the policy was made are not announced.
 */
async function notifyByPolicies(now: Date): Promise<{ messages: number; failures: number }> {
  const { db } = await import("../../db/client");
  let messages = 0;
  let failures = 0;
  for (const p of await db().actionPolicy.findMany({ where: { enabled: true } })) {
    const actions = actionsOf(p.actions);
    if (!actions) continue;
    const severities = severitiesFrom(p.minSeverity);
    const pending = await db().$queryRaw<{ ruleId: string; since: Date; lastSentAt: Date | null }[]>`
      SELECT a."ruleId", COALESCE(s."notifiedTo", ${p.createdAt}) AS since, s."lastSentAt"
        FROM "alert" a LEFT JOIN "action_policy_state" s ON s."policyId" = ${p.id}::uuid AND s."ruleId" = a."ruleId"
       WHERE a."createdAt" > COALESCE(s."notifiedTo", ${p.createdAt}) AND a."createdAt" <= ${now} AND a."severity" = ANY(${severities})
       GROUP BY a."ruleId", s."notifiedTo", s."lastSentAt"`;
    for (const { ruleId, since, lastSentAt } of pending) {
      if (lastSentAt && now.getTime() - lastSentAt.getTime() < actions.throttle_minutes * 60_000) continue;
      const rule = await db().rule.findUnique({ where: { ruleId }, select: { id: true, ruleId: true, name: true, severity: true, severityOverride: true, riskScore: true, riskScoreOverride: true } });
      if (!rule) continue;
      const where = { ruleId, createdAt: { gt: since, lte: now }, severity: { in: severities } };
      const count = await db().alert.count({ where });
      const errors = await deliver(actions, rule, count, await latestAlerts(where));
      messages++;
      failures += errors.length;
      const sent = actions.targets.length - errors.length;
      const failure = errors.length ? { lastError: `${rule.name}: ${errors.join("; ")}`.slice(0, 2000), lastErrorAt: now } : {};
      await db().actionPolicyState.upsert({
        where: { policyId_ruleId: { policyId: p.id, ruleId } },
        create: { policyId: p.id, ruleId, notifiedTo: now, lastSentAt: now, sent, failed: errors.length, ...failure },
        update: { notifiedTo: now, lastSentAt: now, sent: { increment: sent }, failed: { increment: errors.length }, ...failure },
      });
    }
  }
  return { messages, failures };
}

/** Runs the loop in the server (VIGIL_ACTIONS_INTERVAL_MS; 0: off). */
export function startActionsLoop(): void {
  const every = config().VIGIL_ACTIONS_INTERVAL_MS;
  if (every > 0) startPeriodicTask("rule actions", every, Math.min(every, 5000), async () => void (await notifyNewAlerts()));
}
