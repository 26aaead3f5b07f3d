/**
 * The rules Vigil ships with go into the catalogue on first start, enabled, and are updated when
 * a release brings a newer version (keeping the analyst's settings, like any import).
 */
import type { PrismaClient } from "../../db/client";
import { builtinRules } from "../builtin-rules";
import { saveRules } from "./save-rules";

export async function installBuiltinRules(prisma: PrismaClient): Promise<void> {
  const rules = builtinRules();
  const stored = await prisma.rule.findMany({ where: { ruleId: { in: rules.map((r) => r.id) } }, select: { ruleId: true, version: true } });
  const version = new Map(stored.map((s) => [s.ruleId, s.version]));
  const due = rules.filter((r) => (version.get(r.id) ?? 0) < r.version);
  if (!due.length) return;
  try {
    await saveRules(prisma, due.map((rule) => ({ rule, file: `builtin:${rule.id}`, origin: "builtin", enabled: true })));
  } catch (err) {
    // Another instance starting at the same moment installed them first.
    if ((err as { code?: string }).code !== "P2002") throw err;
  }
}
