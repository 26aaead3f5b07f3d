// GET /api/v1/exceptions — list (filters rule, field, value, expired, author). Scope read.
// POST /api/v1/exceptions — create { ruleId, entries, comment, expiresAt?, enabled?, closeMatchingAlerts? }. Analysts and admins.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { closeMatchingAlerts } from "@/lib/exceptions/exception-impact";
import { createException, ZNewException } from "@/lib/exceptions/exception-store";

export const dynamic = "force-dynamic";

const ZListQuery = z.object({
  rule: z.string().max(256).optional(),
  field: z.string().max(256).optional(),
  value: z.string().max(1024).optional(),
  expired: z.enum(["true", "false"]).optional(),
  author: z.string().max(128).optional(),
});

export const GET = withRoute({ role: "viewer", scope: "read" }, async (req) => {
  const q = ZListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const now = new Date();
  const rows = await db().exceptionItem.findMany({
    where: {
      ...(q.rule ? { ruleId: q.rule } : {}),
      ...(q.expired === "true" ? { expiresAt: { lte: now } } : q.expired === "false" ? { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : {}),
      ...(q.author ? { author: { username: q.author.toLowerCase() } } : {}),
    },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { username: true } } },
  });
  const entries = (r: (typeof rows)[number]) => r.entries as { field: string; values: string[] }[];
  const filtered = rows.filter(
    (r) => (!q.field || entries(r).some((e) => e.field === q.field)) && (!q.value || entries(r).some((e) => e.values.some((v) => v.toLowerCase().includes(q.value!.toLowerCase())))),
  );
  return NextResponse.json({
    exceptions: filtered.map((r) => ({ ...r, author: r.author?.username ?? null, expired: r.expiresAt !== null && r.expiresAt <= now })),
  });
});

export const POST = withRoute({ role: "analyst" }, async (req, { principal }) => {
  const body = (await req.json().catch(() => ({}))) as Record<string, unknown>;
  const { closeMatchingAlerts: close, ...rest } = body;
  const input = ZNewException.parse(rest);
  const row = await createException(input, actorOf(principal));
  const closed = close === true ? await closeMatchingAlerts(input.ruleId, input.entries) : 0;
  return NextResponse.json({ exception: row, closed_alerts: closed }, { status: 201 });
});
