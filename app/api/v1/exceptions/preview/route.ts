// POST /api/v1/exceptions/preview — { ruleId, entries, days }: what the exception would silence. Analysts and admins.
import { z } from "zod";
import { ZImpactPreview } from "@/lib/api/responses/exceptions";
import { respond, withRoute } from "@/lib/api/with-route";
import { ZExceptionEntry } from "@/lib/exceptions";
import { previewException } from "@/lib/exceptions/exception-impact";

export const dynamic = "force-dynamic";

const ZPreview = z.object({ ruleId: z.string().min(1).nullable(), entries: z.array(ZExceptionEntry).min(1).max(50), days: z.number().int().min(1).max(90).default(7) }).strict();

export const POST = withRoute({ role: "analyst", audit: null, body: ZPreview }, async (_req, { body: { ruleId, entries, days } }) => {
  return respond(ZImpactPreview, await previewException(ruleId, entries, days));
});
