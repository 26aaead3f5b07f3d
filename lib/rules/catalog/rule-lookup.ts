/** Rules by their rule_id, for pages that show alerts and exceptions (which name rules by rule_id). */
import type { PrismaClient } from "../../db/client";
import { builtinRules } from "../builtin-rules";
import type { TRule } from "../rule";
import { RULE_AS_RUN, ruleOfRow } from "./rule-record";

/** The names of the rules with these rule_ids (those not in the catalogue are left out). */
export async function ruleNames(prisma: PrismaClient, ruleIds: string[]): Promise<Map<string, string>> {
  const rows = await prisma.rule.findMany({ where: { ruleId: { in: [...new Set(ruleIds)] } }, select: { ruleId: true, name: true } });
  return new Map(rows.map((r) => [r.ruleId, r.name]));
}

/** The rule with this rule_id as it runs (overrides applied), from the catalogue, else Vigil's built-in copy; null when neither has it. */
export async function storedRule(prisma: PrismaClient, ruleId: string): Promise<(TRule & { catalogId: string | null }) | null> {
  const row = await prisma.rule.findUnique({ where: { ruleId }, select: { id: true, ...RULE_AS_RUN } });
  if (row) return { ...ruleOfRow(row), catalogId: row.id };
  const builtin = builtinRules().find((r) => r.id === ruleId);
  return builtin ? { ...builtin, catalogId: null } : null;
}
