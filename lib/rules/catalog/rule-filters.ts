/** The rule catalogue's filters, shared by the list and by bulk actions ("enable every `OS: Linux` rule"). */
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { SEVERITIES } from "../rule";

export const ZRuleFilter = z
  .object({
    /** Words in the name, rule_id or a tag (case-insensitive). */
    q: z.string().trim().max(200).optional(),
    tag: z.string().max(200).optional(),
    severity: z.enum(SEVERITIES).optional(),
    enabled: z.enum(["true", "false"]).or(z.boolean()).transform((v) => v === true || v === "true").optional(),
    /** gap: enabled rules with stored events they never saw, waiting for a back-fill. */
    status: z.enum(["ok", "failed", "gap"]).optional(),
  })
  .strict();
export type TRuleFilter = z.infer<typeof ZRuleFilter>;

export function ruleWhere(f: TRuleFilter): Prisma.RuleWhereInput {
  const and: Prisma.RuleWhereInput[] = [];
  if (f.q) {
    for (const word of f.q.split(/\s+/).filter(Boolean)) {
      and.push({ OR: [{ name: { contains: word, mode: "insensitive" } }, { ruleId: { startsWith: word } }, { tags: { has: word } }] });
    }
  }
  if (f.tag) and.push({ tags: { has: f.tag } });
  if (f.severity) and.push({ OR: [{ severityOverride: f.severity }, { severityOverride: null, severity: f.severity }] });
  if (f.enabled !== undefined) and.push({ enabled: f.enabled });
  if (f.status === "gap") and.push({ status: "ok", enabled: true, gapFrom: { not: null } });
  else if (f.status) and.push({ status: f.status });
  return and.length ? { AND: and } : {};
}
