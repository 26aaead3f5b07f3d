/** `POST /api/v1/events`'s answer: counts, the first refused lines, and one outcome per document. */
import { z } from "zod";

export const ZIngestAnswer = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  alerts_created: z.number().int(),
  alerts_suppressed: z.number().int(),
  exceptions_applied: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), reason: z.string() })),
  errors_omitted: z.number().int(),
  outcomes: z.array(z.object({ index: z.number().int(), id: z.string().nullable(), status: z.enum(["created", "duplicate", "rejected"]) })),
});
/** Nothing was taken: the 400 says why beside the per-line errors. */
export const ZIngestRefused = ZIngestAnswer.extend({ error: z.object({ code: z.literal("bad_request"), message: z.string() }) });
