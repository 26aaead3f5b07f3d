// GET /api/v1/connectors — list (never credentials). POST — { name, kind: "webhook", config, secret? }. Admins only.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { seal } from "@/lib/connectors/secret-box";
import { ZWebhookConfig, ZWebhookSecret } from "@/lib/connectors/webhook";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZNewConnector = z.object({ name: z.string().trim().min(1).max(100), kind: z.literal("webhook", { message: "kind: only webhook is available so far" }), config: ZWebhookConfig, secret: ZWebhookSecret.optional() }).strict();

export const GET = withRoute({ role: "admin" }, async () => {
  const rows = await db().connector.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true, config: true, createdAt: true, secret: true } });
  return NextResponse.json({ connectors: rows.map(({ secret, ...r }) => ({ ...r, has_secret: secret !== null })) });
});

export const POST = withRoute({ role: "admin" }, async (req) => {
  const input = ZNewConnector.parse(await req.json().catch(() => ({})));
  const row = await db().connector.create({ data: { name: input.name, kind: input.kind, config: input.config, secret: input.secret ? seal(input.secret) : null } });
  return NextResponse.json({ id: row.id, name: row.name, kind: row.kind }, { status: 201 });
});
