// GET /api/v1/cases/{id}/export?format=md|json|csv — download the case. Scope read.
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { withRoute } from "@/lib/api/with-route";
import { loadCase } from "@/lib/cases/cases";
import { caseCsv, caseJson, caseMarkdown } from "@/lib/cases/export-case";

export const dynamic = "force-dynamic";

const TYPES = { md: "text/markdown; charset=utf-8", json: "application/json", csv: "text/csv; charset=utf-8" } as const;

export const GET = withRoute<{ id: string }>({ role: "viewer", scope: "read" }, async (req, { params }) => {
  const url = new URL(req.url);
  const format = z.enum(["md", "json", "csv"], { message: "format: md, json or csv" }).parse(url.searchParams.get("format") ?? "md");
  const c = await loadCase(z.string().uuid("id: not a case id").parse(params.id));
  if (!c) throw new AppError("not_found", "no such case");
  const body = format === "md" ? caseMarkdown(c, `${url.origin}/cases/${c.id}`) : format === "json" ? JSON.stringify(caseJson(c), null, 2) : caseCsv(c);
  return new Response(body, { headers: { "content-type": TYPES[format], "content-disposition": `attachment; filename="case-${c.id}.${format}"` } });
});
