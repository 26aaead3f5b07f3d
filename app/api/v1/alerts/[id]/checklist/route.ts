// PUT /api/v1/alerts/{id}/checklist — { step, checked }: tick or untick a response step. Analysts and admins.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { ZChecklist } from "@/lib/api/responses/alerts";
import { respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

const ZTick = z.object({ step: z.number().int().min(0).max(100), checked: z.boolean() }).strict();

export const PUT = withRoute({ role: "analyst", audit: { action: "alert.checklist", target: "alert" }, params: idParams("alert"), body: ZTick }, async (_req, { principal, params: { id }, body: { step, checked } }) => {
  if (!(await db().alert.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("not_found", "no such alert");
  const userId = principal.kind === "user" ? principal.user.id : null;
  if (checked) {
    await db().alertChecklistItem.upsert({
      where: { alertId_step: { alertId: id, step } },
      create: { alertId: id, step, checkedById: userId },
      update: { checkedById: userId, checkedAt: new Date() },
    });
  } else await db().alertChecklistItem.deleteMany({ where: { alertId: id, step } });
  const items = await db().alertChecklistItem.findMany({ where: { alertId: id }, include: { checkedBy: { select: { username: true, name: true } } } });
  return respond(ZChecklist, {
    checklist: items.map((i) => ({ step: i.step, checked_by: i.checkedBy?.username ?? i.checkedBy?.name ?? null, checked_at: i.checkedAt.toISOString() })),
  });
});
