// GET /api/v1/cases/{id}/export?format=md|json|csv — download the case. Scope read.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { idParams } from "@/lib/api/params";
import { withRoute } from "@/lib/api/with-route";
import { publicUrl } from "@/lib/config";
import { loadCase } from "@/lib/cases/cases";
import { caseCsv, caseJson, caseMarkdown } from "@/lib/cases/export-case";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ format: z.enum(["md", "json", "csv"], { message: "md, json or csv" }).default("md") });

const TYPES = { md: "text/markdown; charset=utf-8", json: "application/json", csv: "text/csv; charset=utf-8" } as const;

export const GET = withRoute({ role: "viewer", scope: "read", params: idParams("case"), query: ZQuery }, async (_req, { params, query: { format } }) => {
  const c = await loadCase(params.id);
  if (!c) throw new AppError("not_found", "no such case");
  const body = format === "md" ? caseMarkdown(c, `${publicUrl()}/cases/${c.id}`) : format === "json" ? JSON.stringify(caseJson(c), null, 2) : caseCsv(c);
  return new Response(body, { headers: { "content-type": TYPES[format], "content-disposition": `attachment; filename="case-${c.id}.${format}"` } });
});
