/**
 * The actions loop: for each rule with actions, the alerts created since it last notified — at
 * most one message per rule per throttle window, which summarises every alert since the last one.
 * A failed delivery is recorded on the rule (count, last error, when) and shown on its page; the
 * alerts it covered are not sent again (the next message summarises the next ones).
 */
import { pgPool } from "../../db/pg-pool";
import { config, publicUrl } from "../../config";
import { startPeriodicTask } from "../../scheduling/periodic-task";
import { actionsOf, type ActionMessage } from "./rule-actions";
import { sendAction } from "./send-action";

export async function notifyNewAlerts(now = new Date()): Promise<{ messages: number; failures: number }> {
  // Through the ingest pool first: a server with no actions never loads Prisma's client for this loop.
  const any = await pgPool().query(`SELECT 1 FROM "rule" WHERE "enabled" AND "actions" <> '[]'::jsonb LIMIT 1`);
  if (any.rowCount === 0) return { messages: 0, failures: 0 };
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
    const latest = await db().alert.findMany({ where, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, hostName: true, userName: true, commandLine: true, eventTimestamp: true, createdAt: true } });
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

/** Runs the loop in the server (VIGIL_ACTIONS_INTERVAL_MS; 0: off). */
export function startActionsLoop(): void {
  const every = config().VIGIL_ACTIONS_INTERVAL_MS;
  if (every > 0) startPeriodicTask("rule actions", every, Math.min(every, 5000), async () => void (await notifyNewAlerts()));
}
