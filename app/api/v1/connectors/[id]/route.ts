// PATCH /api/v1/connectors/{id} — { name?, config?, secret? }: edit (the kind stays; credentials are
// replaced only when sent, never returned). DELETE — remove it (its push history goes with it; the
// audit log and the cases' timelines keep what was pushed). Admins only.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZConnectorSaved } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { checkKind, ZConnectorPatch } from "@/lib/connectors/connector-input";
import { CONNECTOR_KINDS, type ConnectorKind } from "@/lib/connectors/drivers";
import { seal } from "@/lib/connectors/secret-box";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZParams = idParams("connector");

export const PATCH = withRoute({ role: "admin", audit: { action: "connector.update", target: "connector" }, params: ZParams, body: ZConnectorPatch }, async (_req, { params, body }) => {
  const row = await db().connector.findUnique({ where: { id: params.id } });
  if (!row || !(row.kind in CONNECTOR_KINDS)) throw new AppError("not_found", "no such connector");
  const { config, secret, issues } = checkKind(row.kind as ConnectorKind, body.config, body.secret);
  if (issues.length) throw new AppError("bad_request", issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), issues);
  const updated = await db().connector.update({
    where: { id: params.id },
    data: { name: body.name, config: config, secret: secret === undefined ? undefined : Object.keys(secret).length ? seal(secret) : null },
  });
  return respond(ZConnectorSaved, { id: updated.id, name: updated.name, kind: updated.kind });
});

export const DELETE = withRoute({ role: "admin", audit: { action: "connector.delete", target: "connector" }, params: ZParams }, async (_req, { params }) => {
  await db().connector.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
});
