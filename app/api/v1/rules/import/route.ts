// POST /api/v1/rules/import — multipart/form-data, one or more files (detection-rules TOML, Kibana
// export NDJSON, .zip or .tar.gz archives of them) → { imported, updated, skipped, errors, ids, ignored, exceptions }. Admins.
// `?strict=true` also fails the queries Vigil otherwise accepts where Elasticsearch may not (docs/eql-semantics.md).
import { ZRuleImportResult } from "@/lib/api/responses/rules";
import { AppError } from "@/lib/api/app-error";
import { actorOf, respond, withRoute } from "@/lib/api/with-route";
import { db } from "@/lib/db/client";
import { readWholeBody } from "@/lib/http/body-reader";
import { importRuleFiles } from "@/lib/rules/import/import-rules";
import { IMPORT_LIMITS, ImportInputError, ruleFilesOfUploads, type Upload } from "@/lib/rules/import/rule-files";

export const dynamic = "force-dynamic";

/** What the audit log keeps of an import: the counts and the rules it touched. */
const counted = (a: Record<string, unknown> | null) => ({ imported: a?.imported, updated: a?.updated, skipped: (a?.skipped as unknown[] | undefined)?.length, errors: (a?.errors as unknown[] | undefined)?.length, ids: a?.ids });

export const POST = withRoute({ role: "admin", audit: { action: "rule.import", target: "rule", id: () => null, changes: (_c, a) => counted(a) } }, async (req, { principal }) => {
    // The boundary is case-sensitive: only the media type is compared in lower case.
    const strictParam = new URL(req.url).searchParams.get("strict");
    if (strictParam !== null && strictParam !== "true" && strictParam !== "false") throw new AppError("bad_request", `strict must be true or false, not '${strictParam.slice(0, 40)}'`);
    const type = req.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("multipart/form-data")) throw new AppError("unsupported_media_type", "send the rule files as multipart/form-data (one or more file fields)");
    const body = await readWholeBody(req, { maxBytes: IMPORT_LIMITS.maxUploadBytes });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
    } catch (err) {
      throw new AppError("bad_request", `the multipart body could not be read: ${(err as Error).message}`);
    }
    const uploads: Upload[] = [];
    for (const value of form.values()) {
      if (typeof value === "string") continue;
      uploads.push({ name: value.name || "upload", bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    if (uploads.length === 0) throw new AppError("bad_request", "no files: add one or more file fields to the form");
    let files;
    try {
      files = await ruleFilesOfUploads(uploads);
    } catch (err) {
      if (err instanceof ImportInputError) throw new AppError(/exceeds|more than/.test(err.message) ? "payload_too_large" : "bad_request", err.message);
      throw err;
    }
    return respond(ZRuleImportResult, await importRuleFiles(db(), files.files, files.ignored, actorOf(principal), { strict: strictParam === "true" }));
});
