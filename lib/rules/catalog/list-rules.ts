/**
 * The rules page and `GET /api/v1/rules`: the catalogue filtered, in name order, in keyset pages,
 * each rule with what it did — alerts in the last 24 hours and in all, its last alert, and the
 * matches over its cap that were counted but not stored.
 */
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../api/keyset-cursor";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../generated/prisma/client";
import { ZRule, type TThreat } from "../rule";
import { ruleWhere, ZRuleFilter } from "./rule-filters";

export const ZRuleListQuery = ZRuleFilter.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();

const ZCursor = z.object({ name: z.string(), id: z.string().uuid() });

export interface RuleSummary {
  id: string;
  rule_id: string;
  name: string;
  severity: string;
  risk_score: number;
  enabled: boolean;
  tags: string[];
  index: string[];
  interval: string;
  from: string;
  max_signals: number;
  version: number;
  threat: TThreat[];
  status: string;
  error: string | null;
  origin: string;
  last_match_at: Date | null;
  alerts_24h: number;
  alerts_total: number;
  over_cap_24h: number;
  gap: { from: Date; to: Date } | null;
}

type RuleRow = Prisma.RuleGetPayload<object>;

type RuleStats = { total: number; last24h: number; last: Date | null; overCap: number; gapHasEvents: boolean };

/**
 * A stored rule as the API lists it (its stats given, or zero). Its status is `gap` while it is
 * enabled and stored events it never saw are waiting for a back-fill.
 */
export function ruleSummary(r: RuleRow, stats?: RuleStats): RuleSummary {
  const def = ZRule.parse(r.definition);
  const gap = r.enabled && r.gapFrom && r.gapTo ? { from: r.gapFrom, to: r.gapTo } : null;
  return {
    id: r.id,
    rule_id: r.ruleId,
    name: r.name,
    severity: r.severityOverride ?? r.severity,
    risk_score: r.riskScoreOverride ?? r.riskScore,
    enabled: r.enabled,
    tags: r.tags,
    index: r.index,
    interval: def.interval,
    from: def.from,
    max_signals: def.maxSignals,
    version: r.version,
    threat: def.threat,
    status: r.status === "ok" && gap && stats?.gapHasEvents ? "gap" : r.status,
    error: r.error,
    origin: r.origin,
    last_match_at: stats?.last ?? null,
    alerts_24h: stats?.last24h ?? 0,
    alerts_total: stats?.total ?? 0,
    over_cap_24h: stats?.overCap ?? 0,
    gap,
  };
}

/**
 * Per rule_id: alerts in all and in the last 24 h, the last one, matches over the cap in 24 h, and
 * whether any event is stored in its gap (one round trip for the page).
 */
export async function ruleStats(prisma: PrismaClient, rows: Pick<RuleRow, "ruleId" | "enabled" | "gapFrom" | "gapTo">[], now = new Date()) {
  const out = new Map<string, RuleStats>();
  const ruleIds = rows.map((r) => r.ruleId);
  if (ruleIds.length === 0) return out;
  const since = new Date(now.getTime() - 86_400_000);
  const alerts = await prisma.$queryRaw<{ ruleId: string; total: bigint; last24h: bigint; last: Date | null }[]>`
    SELECT "ruleId", count(*) AS total, count(*) FILTER (WHERE "createdAt" >= ${since}) AS last24h, max("createdAt") AS last
    FROM "alert" WHERE "ruleId" = ANY(${ruleIds}) GROUP BY "ruleId"`;
  const caps = await prisma.ruleWindow.groupBy({ by: ["ruleId"], where: { ruleId: { in: ruleIds }, windowStart: { gte: since } }, _sum: { suppressed: true } });
  const gaps = rows.filter((r) => r.enabled && r.gapFrom && r.gapTo);
  const withEvents = gaps.length
    ? await prisma.$queryRawUnsafe<{ ruleId: string }[]>(
        `SELECT g.id AS "ruleId" FROM unnest($1::text[], $2::timestamp[], $3::timestamp[]) AS g(id, f, t)
          WHERE EXISTS (SELECT 1 FROM "event" e WHERE e."timestamp" >= g.f AND e."timestamp" < g.t)`,
        gaps.map((r) => r.ruleId),
        gaps.map((r) => r.gapFrom!.toISOString().slice(0, -1)),
        gaps.map((r) => r.gapTo!.toISOString().slice(0, -1)),
      )
    : [];
  const gapHasEvents = new Set(withEvents.map((g) => g.ruleId));
  for (const id of ruleIds) out.set(id, { total: 0, last24h: 0, last: null, overCap: 0, gapHasEvents: gapHasEvents.has(id) });
  for (const a of alerts) Object.assign(out.get(a.ruleId)!, { total: Number(a.total), last24h: Number(a.last24h), last: a.last });
  for (const c of caps) out.get(c.ruleId)!.overCap = c._sum.suppressed ?? 0;
  return out;
}

export async function listRules(prisma: PrismaClient, query: z.infer<typeof ZRuleListQuery>) {
  const { cursor, limit, ...filter } = query;
  const after = cursor ? decodeCursor(cursor, ZCursor) : null;
  const where: Prisma.RuleWhereInput = { AND: [ruleWhere(filter), after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {}] };
  const rows = await prisma.rule.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const stats = await ruleStats(prisma, page);
  const last = page[page.length - 1];
  return {
    rules: page.map((r) => ruleSummary(r, stats.get(r.ruleId))),
    next_cursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
    total: await prisma.rule.count({ where: ruleWhere(filter) }),
  };
}
