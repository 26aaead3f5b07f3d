/**
 * Puts rules into the catalogue, versioned by `rule_id`: a new rule is inserted, a newer version
 * replaces the stored definition and keeps the analyst's settings (enabled, overrides, actions),
 * an older or equal version is skipped with the reason. A rule whose query does not compile is
 * stored as failed with the engine's `line:col` message (it never runs until a version that
 * compiles replaces it). Everything happens in one transaction: an import stores all or nothing.
 */
import { Prisma } from "../../generated/prisma/client";
import type { PrismaClient } from "../../db/client";
import { EqlError } from "../../eql/errors";
import { compileRule } from "../compile-rule";
import type { TRule } from "../rule";
import type { RuleOrigin } from "./rule-record";

export interface IncomingRule {
  rule: TRule;
  /** The file (or archive member, `archive.zip!path/rule.toml`) it came from. */
  file: string;
  origin: RuleOrigin;
  /** Whether a new rule starts enabled (a Kibana export says; TOML rules start disabled, as Elastic installs them). */
  enabled?: boolean;
}

export interface SkippedRule {
  file: string;
  rule_id: string;
  reason: string;
}

export interface SaveOutcome {
  imported: number;
  updated: number;
  skipped: SkippedRule[];
  /** Rules stored as failed: their queries do not compile. */
  failed: { file: string; rule_id: string; message: string }[];
  /** The catalogue ids of the rules inserted or updated. */
  ids: string[];
}

/** The engine's verdict on a rule's query: ok, or failed with `line:col reason`. */
export function compileStatus(rule: TRule, strict = false): { status: "ok" | "failed"; error: string | null } {
  try {
    compileRule(rule, { strict });
    return { status: "ok", error: null };
  } catch (err) {
    if (err instanceof EqlError) return { status: "failed", error: `${err.line}:${err.column} ${err.reason}` };
    return { status: "failed", error: (err as Error).message };
  }
}

const columnsOf = (r: IncomingRule, strict: boolean) => ({
  version: r.rule.version,
  name: r.rule.name,
  severity: r.rule.severity,
  riskScore: r.rule.riskScore,
  tags: r.rule.tags,
  index: r.rule.index,
  definition: r.rule as unknown as Prisma.InputJsonValue,
  origin: r.origin,
  sourceFile: r.file,
  ...compileStatus(r.rule, strict),
});

/** `strict`: a query is checked as `vigil eql --strict` checks it (docs/eql-semantics.md). */
export async function saveRules(prisma: PrismaClient, incoming: IncomingRule[], { strict = false } = {}): Promise<SaveOutcome> {
  const out: SaveOutcome = { imported: 0, updated: 0, skipped: [], failed: [], ids: [] };
  // One candidate per rule_id: the highest version; repeats in the same import are skipped.
  const best = new Map<string, IncomingRule>();
  for (const r of incoming) {
    const seen = best.get(r.rule.id);
    if (!seen) best.set(r.rule.id, r);
    else {
      const [keep, drop] = r.rule.version > seen.rule.version ? [r, seen] : [seen, r];
      best.set(r.rule.id, keep);
      out.skipped.push({ file: drop.file, rule_id: drop.rule.id, reason: `also in ${keep.file} at version ${keep.rule.version}, which is kept` });
    }
  }
  const existing = new Map(
    (await prisma.rule.findMany({ where: { ruleId: { in: [...best.keys()] } }, select: { id: true, ruleId: true, version: true } })).map((r) => [r.ruleId, r]),
  );
  const inserts: Prisma.RuleCreateManyInput[] = [];
  const updates: { id: string; data: Prisma.RuleUpdateInput }[] = [];
  for (const r of best.values()) {
    const stored = existing.get(r.rule.id);
    const columns = columnsOf(r, strict);
    if (columns.status === "failed") out.failed.push({ file: r.file, rule_id: r.rule.id, message: columns.error! });
    if (!stored) inserts.push({ ruleId: r.rule.id, enabled: r.enabled ?? false, ...columns });
    else if (r.rule.version > stored.version) updates.push({ id: stored.id, data: columns });
    else {
      out.skipped.push({ file: r.file, rule_id: r.rule.id, reason: `version ${r.rule.version} is not newer than the stored version ${stored.version}` });
      if (columns.status === "failed") out.failed.pop();
    }
  }
  await prisma.$transaction(async (tx) => {
    if (inserts.length) {
      const created = await tx.rule.createManyAndReturn({ data: inserts, select: { id: true } });
      out.ids.push(...created.map((c) => c.id));
    }
    for (const u of updates) {
      await tx.rule.update({ where: { id: u.id }, data: u.data });
      out.ids.push(u.id);
    }
  }, { timeout: 60_000 });
  out.imported = inserts.length;
  out.updated = updates.length;
  return out;
}
