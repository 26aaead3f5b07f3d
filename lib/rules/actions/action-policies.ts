/**
 * Actions for every rule at or above a severity ("page the on-call for anything high or
 * critical"), beside each rule's own actions: the same targets, throttle and message, judged per
 * rule — at most one message per rule per throttle window, summarising the rest.
 */
import { z } from "zod";
import { AppError } from "../../api/app-error";
import type { PrismaClient } from "../../db/client";
import { SEVERITIES } from "../rule";
import { ZRuleActions } from "./rule-actions";

export const ZActionPolicyInput = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    min_severity: z.enum(SEVERITIES, { message: `min_severity must be one of ${SEVERITIES.join(", ")}` }),
    actions: ZRuleActions.refine((a) => a.targets.length > 0, "a policy needs at least one target"),
    enabled: z.boolean().default(true),
  })
  .strict();
export type TActionPolicyInput = z.infer<typeof ZActionPolicyInput>;
export const ZActionPolicyPatch = ZActionPolicyInput.partial().strict().refine((p) => Object.keys(p).length > 0, "nothing to change");

/** The severities a policy covers: its own and the ones above it. */
export function severitiesFrom(min: string): string[] {
  const i = SEVERITIES.indexOf(min as (typeof SEVERITIES)[number]);
  return i < 0 ? [] : SEVERITIES.slice(i);
}

type Row = { id: string; name: string; minSeverity: string; actions: unknown; enabled: boolean; createdBy: string; createdAt: Date; updatedAt: Date };

/** A policy as the API answers it, with how its messages stand across the rules it covered. */
export function policyJson(r: Row, states: { sent: number; failed: number; lastSentAt: Date | null; lastError: string | null; lastErrorAt: Date | null }[] = []) {
  const lastError = states.filter((s) => s.lastErrorAt).sort((a, b) => b.lastErrorAt!.getTime() - a.lastErrorAt!.getTime())[0];
  const lastSent = states.map((s) => s.lastSentAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    id: r.id,
    name: r.name,
    min_severity: r.minSeverity,
    actions: ZRuleActions.parse(r.actions),
    enabled: r.enabled,
    created_by: r.createdBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    state: {
      sent: states.reduce((n, s) => n + s.sent, 0),
      failed: states.reduce((n, s) => n + s.failed, 0),
      last_sent_at: lastSent ?? null,
      last_error: lastError?.lastError ?? null,
      last_error_at: lastError?.lastErrorAt ?? null,
    },
  };
}

export async function listActionPolicies(prisma: PrismaClient) {
  const rows = await prisma.actionPolicy.findMany({ orderBy: { createdAt: "asc" }, include: { states: true } });
  return rows.map((r) => policyJson(r, r.states));
}

export async function createActionPolicy(prisma: PrismaClient, input: TActionPolicyInput, actor: string) {
  const row = await prisma.actionPolicy.create({ data: { name: input.name, minSeverity: input.min_severity, actions: input.actions as object, enabled: input.enabled, createdBy: actor } });
  return policyJson(row);
}

export async function updateActionPolicy(prisma: PrismaClient, id: string, patch: z.infer<typeof ZActionPolicyPatch>) {
  const found = await prisma.actionPolicy.findUnique({ where: { id } });
  if (!found) throw new AppError("not_found", "no action policy with this id");
  const row = await prisma.actionPolicy.update({
    where: { id },
    data: { name: patch.name, minSeverity: patch.min_severity, actions: patch.actions as object | undefined, enabled: patch.enabled },
    include: { states: true },
  });
  return policyJson(row, row.states);
}

export async function deleteActionPolicy(prisma: PrismaClient, id: string) {
  const { count } = await prisma.actionPolicy.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("not_found", "no action policy with this id");
}
