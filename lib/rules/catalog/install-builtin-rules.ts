/**
 * The rules Vigil ships with go into the catalogue on first start, enabled, and are updated when
 * a release brings a newer version — or, at the same version, a changed copy of a built-in rule
 * (Vigil's own metadata, such as its guide's step facts) — keeping the analyst's settings.
 */
import { isDeepStrictEqual } from "node:util";
import type { PrismaClient } from "../../db/client";
import { builtinRules } from "../builtin-rules";
import { saveRules } from "./save-rules";

export async function installBuiltinRules(prisma: PrismaClient): Promise<void> {
  const rules = builtinRules();
  const stored = new Map(
    (await prisma.rule.findMany({ where: { ruleId: { in: rules.map((r) => r.id) } }, select: { id: true, ruleId: true, version: true, origin: true, definition: true } })).map((s) => [s.ruleId, s]),
  );
  for (const r of rules) {
    const s = stored.get(r.id);
    if (s && s.origin === "builtin" && s.version === r.version && !isDeepStrictEqual(s.definition, JSON.parse(JSON.stringify(r)))) {
      await prisma.rule.update({ where: { id: s.id }, data: { definition: JSON.parse(JSON.stringify(r)), name: r.name, tags: r.tags, index: r.index } });
    }
  }
  const due = rules.filter((r) => (stored.get(r.id)?.version ?? 0) < r.version);
  if (!due.length) return;
  try {
    await saveRules(prisma, due.map((rule) => ({ rule, file: `builtin:${rule.id}`, origin: "builtin", enabled: true })));
  } catch (err) {
    // Another instance starting at the same moment installed them first.
    if ((err as { code?: string }).code !== "P2002") throw err;
  }
}
