// GET /api/v1/exceptions — list (filters rule, field, value, expired, author). Scope read.
// POST /api/v1/exceptions — create { ruleId, entries, comment, expiresAt?, enabled?, closeMatchingAlerts? }. Analysts and admins.
import { NextResponse } from "next/server";
import { actorOf, withRoute } from "@/lib/api/with-route";
import { closeMatchingAlerts } from "@/lib/exceptions/exception-impact";
import { createException, ZNewException } from "@/lib/exceptions/exception-store";
import { listExceptions, ZExceptionFilters } from "@/lib/exceptions/list-exceptions";

export const dynamic = "force-dynamic";

export const GET = withRoute({ role: "viewer", scope: "read" }, async (req) => {
  const filters = ZExceptionFilters.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json({ exceptions: await listExceptions(filters) });
});

export const POST = withRoute({ role: "analyst" }, async (req, { principal }) => {
  const body = (await req.json().catch(() => ({}))) as Record<string, unknown>;
  const { closeMatchingAlerts: close, ...rest } = body;
  const input = ZNewException.parse(rest);
  const row = await createException(input, actorOf(principal));
  const closed = close === true ? await closeMatchingAlerts(input.ruleId, input.entries) : 0;
  return NextResponse.json({ exception: row, closed_alerts: closed }, { status: 201 });
});
