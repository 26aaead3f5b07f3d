import { z } from "zod";
import { AppError } from "../api/app-error";
import { db } from "../db/client";
import { CLOSE_REASONS } from "./close-reasons";
import { ALERT_STATUSES } from "./list-alerts";

/** A triage change: status (with a reason when closing) and/or assignee (username, or null to clear). */
const ZTriageFields = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  reason: z.enum(CLOSE_REASONS).optional(),
  assignee: z.string().min(1).max(128).nullable().optional(),
});

type TriageFields = z.infer<typeof ZTriageFields>;

/** The rules a triage change obeys, on a schema that holds the triage fields. */
const triageRules = <T extends TriageFields>(schema: z.ZodType<T>) =>
  schema
    .refine((u) => u.status !== undefined || u.assignee !== undefined, "give a status or an assignee")
    .refine((u) => u.status !== "closed" || u.reason !== undefined, { message: "closing needs a reason", path: ["reason"] })
    .refine((u) => u.reason === undefined || u.status === "closed", { message: "a reason goes with status closed", path: ["reason"] });

export const ZAlertUpdate = triageRules(ZTriageFields.strict());
/** `PATCH /api/v1/alerts`: the same change for many alerts. */
export const ZAlertBulkUpdate = triageRules(ZTriageFields.extend({ ids: z.array(z.string().uuid()).min(1).max(10_000) }).strict());
export type TAlertUpdate = z.infer<typeof ZAlertUpdate>;

/** Applies a triage change to alerts (one or many), all or none. Returns how many changed. */
export async function updateAlerts(ids: string[], change: TAlertUpdate): Promise<number> {
  let assigneeId: string | null | undefined;
  if (change.assignee !== undefined) {
    if (change.assignee === null) assigneeId = null;
    else {
      const user = await db().user.findUnique({ where: { username: change.assignee.toLowerCase() } });
      if (!user) throw new AppError("bad_request", `assignee: no user '${change.assignee}'`);
      assigneeId = user.id;
    }
  }
  const data = {
    ...(change.status ? { status: change.status, closeReason: change.status === "closed" ? change.reason : null } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
  };
  const { count } = await db().alert.updateMany({ where: { id: { in: ids } }, data });
  return count;
}
