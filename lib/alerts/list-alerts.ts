import { z } from "zod";
import { AppError } from "../api/app-error";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { SEVERITIES } from "../rules";
import { decodeCursor, encodeCursor } from "../api/keyset-cursor";
export { CLOSE_REASONS } from "./close-reasons";

export const ALERT_STATUSES = ["open", "acknowledged", "closed"] as const;
const SORTS = ["created_at", "event_time", "risk_score"] as const;

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.enum(values)).optional());

/** Query parameters of the alert list (API and page share them). */
export const ZAlertQuery = z.object({
  status: list(ALERT_STATUSES),
  severity: list(SEVERITIES),
  host: z.string().max(512).optional(),
  user: z.string().max(512).optional(),
  rule: z.string().max(512).optional(),
  q: z.string().max(512).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  sort: z.enum(SORTS).default("created_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type TAlertQuery = z.infer<typeof ZAlertQuery>;

const SORT_COLUMN = { created_at: "createdAt", event_time: "eventTimestamp", risk_score: "riskScore" } as const;

/** What a cursor this list returned holds: the sort value (a number, or an ISO time) and a UUID. */
const ZCursor = z.object({ v: z.union([z.number().finite(), z.string().datetime({ offset: true })]), id: z.string().uuid() }).strict();
function alertCursor(s: string, sort: TAlertQuery["sort"]) {
  const c = decodeCursor(s, ZCursor);
  if ((sort === "risk_score") !== (typeof c.v === "number")) throw new AppError("bad_request", "cursor: not a cursor this list returned");
  return c;
}

/** Filters of the list, also used for the counts by status. */
export function alertWhere(q: Partial<TAlertQuery>): Prisma.AlertWhereInput {
  const and: Prisma.AlertWhereInput[] = [];
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.severity?.length) and.push({ severity: { in: q.severity } });
  if (q.host) and.push({ hostName: q.host });
  if (q.user) and.push({ userName: q.user });
  if (q.rule) and.push({ OR: [{ ruleId: q.rule }, { ruleName: { contains: q.rule, mode: "insensitive" } }] });
  if (q.q) and.push({ commandLine: { contains: q.q, mode: "insensitive" } });
  if (q.from) and.push({ eventTimestamp: { gte: q.from } });
  if (q.to) and.push({ eventTimestamp: { lte: q.to } });
  return and.length ? { AND: and } : {};
}

/** One page of alerts by keyset pagination (stable under inserts), with the cursor of the next page. */
export async function listAlerts(q: TAlertQuery) {
  const column = SORT_COLUMN[q.sort];
  const where = alertWhere(q);
  if (q.cursor) {
    const c = alertCursor(q.cursor, q.sort);
    const v = q.sort === "risk_score" ? c.v : new Date(c.v as string);
    const cmp = q.order === "desc" ? "lt" : "gt";
    where.AND = [...((where.AND as Prisma.AlertWhereInput[]) ?? []), { OR: [{ [column]: { [cmp]: v } }, { [column]: v, id: { [cmp]: c.id } }] }];
  }
  const rows = await db().alert.findMany({
    where,
    orderBy: [{ [column]: q.order }, { id: q.order }],
    take: q.limit + 1,
    include: { assignee: { select: { id: true, username: true, name: true } } },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > q.limit && last
      ? encodeCursor({ v: q.sort === "risk_score" ? last.riskScore : (q.sort === "event_time" ? last.eventTimestamp : last.createdAt).toISOString(), id: last.id })
      : null;
  return { alerts: page, next_cursor: next };
}

/** Counts by status under the same filters (status filter aside). */
export async function countAlertsByStatus(q: Partial<TAlertQuery>): Promise<Record<string, number>> {
  const groups = await db().alert.groupBy({ by: ["status"], where: alertWhere({ ...q, status: undefined }), _count: { _all: true } });
  const out: Record<string, number> = { open: 0, acknowledged: 0, closed: 0 };
  for (const g of groups) out[g.status] = g._count._all;
  return out;
}
