// POST /api/v1/connectors/{id}/test — a read-only call to the ticketing system with the stored
// credentials: { ok: true } or { ok: false, reason } (status and a short sanitised reason). Admins only.
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZConnectorTest } from "@/lib/api/responses/settings";
import { respond, withRoute } from "@/lib/api/with-route";
import { connectorDriver } from "@/lib/connectors/open-connector";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const POST = withRoute({ role: "admin", audit: { action: "connector.test", target: "connector", changes: (_c, a) => a }, params: idParams("connector") }, async (_req, { params }) => {
  const row = await db().connector.findUnique({ where: { id: params.id } });
  const target = row && connectorDriver(row);
  if (!row || !target) throw new AppError("not_found", "no such connector");
  try {
    const { config, secret } = target.settings();
    await target.driver.test(config, secret);
    return respond(ZConnectorTest, { ok: true });
  } catch (err) {
    const e = err as Error;
    const reason = e.name === "TimeoutError" ? `${row.name} did not answer within 10 s` : e.name === "ZodError" ? `${row.name} is misconfigured` : e.message;
    return respond(ZConnectorTest, { ok: false, reason });
  }
});
