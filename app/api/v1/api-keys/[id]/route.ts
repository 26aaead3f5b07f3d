// DELETE /api/v1/api-keys/{id} — revoke a key (kept for the record). Admins only.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const DELETE = withRoute<{ id: string }>({ role: "admin" }, async (_req, { params }) => {
  const id = z.string().uuid("id: not an API key id").parse(params.id);
  await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  return NextResponse.json({ revoked: id });
});
