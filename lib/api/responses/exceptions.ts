/** The exceptions API's answers: `/api/v1/exceptions[/{id}]` and the impact preview. */
import { z } from "zod";
import { zJson, zTime, zTimeOrNull } from "./common";

/** One exception item as stored; `invalidReason` is set when the engine could not compile it. */
export const ZExceptionJson = z.object({
  id: z.string(),
  ruleId: z.string().nullable(),
  /** As validated when saved (lib/exceptions: field, operator, values, caseInsensitive). */
  entries: zJson,
  comment: z.string(),
  enabled: z.boolean(),
  expiresAt: zTimeOrNull,
  authorId: z.string().nullable(),
  createdAt: zTime,
  updatedAt: zTime,
  suppressedCount: z.number().int(),
  lastSuppressedAt: zTimeOrNull,
  invalidReason: z.string().nullable(),
});

export const ZExceptionList = z.object({
  exceptions: z.array(ZExceptionJson.omit({ authorId: true }).extend({ author: z.string().nullable(), expired: z.boolean() })),
});
export const ZExceptionCreated = z.object({ exception: ZExceptionJson, closed_alerts: z.number().int() });
export const ZExceptionUpdated = z.object({ exception: ZExceptionJson });
export const ZExceptionDeleted = z.object({ deleted: z.string() });
export const ZExceptionWithHistory = z.object({
  exception: ZExceptionJson,
  audit: z.array(z.object({ id: z.string(), action: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), at: zTime, before: zJson, after: zJson })),
});
export const ZImpactPreview = z.object({
  days: z.number().int(),
  events_scanned: z.number().int(),
  events_matched: z.number().int(),
  events_truncated: z.boolean(),
  open_alerts_matched: z.number().int(),
});
