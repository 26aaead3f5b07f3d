/**
 * Analysts' changes to rules: enable or disable, override severity and risk score (the definition
 * stays as imported; the overrides survive newer versions). Every running instance applies them
 * at its next window (the catalogue trigger bumps its generation).
 */
import { z } from "zod";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../api/app-error";
import { Prisma } from "../../generated/prisma/client";
import { durationMs, SEVERITIES } from "../rule";
import { ZRuleActions } from "../actions/rule-actions";
import { ruleWhere, ZRuleFilter } from "./rule-filters";

export const ZRulePatch = z
  .object({
    enabled: z.boolean().optional(),
    /** null: back to the rule's own severity. */
    severity: z.enum(SEVERITIES).nullable().optional(),
    risk_score: z.number().int().min(0).max(100).nullable().optional(),
    /**
     * Alert suppression replacing the rule's own: one alert per group of `group_by` values per
     * `duration` ("5m"; default the rule's interval); `{ group_by: [] }` turns it off, null goes
     * back to the rule's own.
     */
    /** Messages on new alerts (webhook, Slack, email), throttled; null removes them. */
    actions: ZRuleActions.nullable().optional(),
    suppression: z
      .union([
        z.object({ group_by: z.array(z.string().min(1).max(200)).max(0) }).strict(),
        z
          .object({
            group_by: z.array(z.string().min(1).max(200)).min(1).max(3, "group by at most three fields"),
            duration: z.string().regex(/^\d{1,5}[smh]$/, "duration must look like 5m").optional(),
            missing_fields: z.enum(["suppress", "doNotSuppress"]).default("suppress"),
          })
          .strict(),
      ])
      .nullable()
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");

export async function updateRule(prisma: PrismaClient, id: string, patch: z.infer<typeof ZRulePatch>) {
  const stored = await prisma.rule.findUnique({ where: { id }, select: { status: true } });
  if (!stored) throw new AppError("not_found", "no rule with this id");
  if (patch.enabled && stored.status === "failed") throw new AppError("conflict", "this rule's query does not compile; import a version that does before enabling it");
  return prisma.rule.update({
    where: { id },
    data: {
      enabled: patch.enabled,
      severityOverride: patch.severity,
      riskScoreOverride: patch.risk_score,
      actions: patch.actions === undefined ? undefined : ((patch.actions ?? []) as Prisma.InputJsonValue),
      suppression: patch.suppression === undefined ? undefined : patch.suppression === null ? Prisma.DbNull : suppressionSetting(patch.suppression),
    },
  });
}

/** The stored form of a suppression setting (the rule model's shape; an empty group turns suppression off). */
function suppressionSetting(s: { group_by: string[]; duration?: string; missing_fields?: "suppress" | "doNotSuppress" }): Prisma.InputJsonValue {
  if (s.group_by.length === 0) return { groupBy: [] };
  return { groupBy: s.group_by, durationMs: s.duration ? durationMs(s.duration) : null, missingFields: s.missing_fields ?? "suppress" };
}

export const ZRuleBulk = z.union([
  z.object({ action: z.enum(["enable", "disable"]), ids: z.array(z.string().uuid("not a rule id")).min(1).max(5000) }).strict(),
  z.object({ action: z.enum(["enable", "disable"]), filter: ZRuleFilter }).strict(),
]);

/** Enables or disables the rules named, or every rule matching a filter; failed rules are never enabled. Returns how many changed. */
export async function bulkUpdateRules(prisma: PrismaClient, input: z.infer<typeof ZRuleBulk>): Promise<number> {
  const enabled = input.action === "enable";
  const scope = "ids" in input ? { id: { in: input.ids } } : ruleWhere(input.filter);
  const { count } = await prisma.rule.updateMany({
    where: { AND: [scope, { enabled: !enabled }, enabled ? { status: "ok" } : {}] },
    data: { enabled },
  });
  return count;
}
