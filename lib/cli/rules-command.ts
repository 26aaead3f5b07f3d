/**
 * `vigil rules import PATH…`: files, folders and archives of rules into the catalogue of the
 * database at DATABASE_URL, or of the embedded PostgreSQL (`npm start`'s, running or not). A
 * running Vigil picks the rules up at its next window.
 */
import { commandDatabase } from "../bootstrap/database-url";
import { migrate } from "../db/migrate";
import { ImportInputError, ruleFilesOfPaths } from "../rules/import/rule-files";
import { importRuleFiles } from "../rules/import/import-rules";
import { recordAudit } from "../audit/audit-log";
import os from "node:os";

export async function rulesImportCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const strict = args.includes("--strict");
  const paths = args.filter((a) => a !== "--strict");
  if (paths.length === 0) {
    err("usage: vigil rules import [--strict] PATH… (TOML files, Kibana NDJSON exports, folders, .zip or .tar.gz archives)");
    return 2;
  }
  let files;
  try {
    files = await ruleFilesOfPaths(paths);
  } catch (e) {
    if (e instanceof ImportInputError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  const { url, embedded } = await commandDatabase((line) => err(`[vigil] ${line}`));
  process.env.DATABASE_URL = url;
  try {
    await migrate(url);
    const { db } = await import("../db/client");
    const result = await importRuleFiles(db(), files.files, files.ignored, { id: null, name: `vigil rules import (${os.userInfo().username})` }, { strict });
    await recordAudit(
      { kind: "system", id: null, name: `vigil rules import (${os.userInfo().username})` },
      { action: "rule.import", targetType: "rule", changes: { paths, imported: result.imported, updated: result.updated, skipped: result.skipped.length, errors: result.errors.length, exceptions: result.exceptions } },
      db(),
    );
    await db().$disconnect();
    for (const s of result.skipped) out(`skipped ${s.file} (${s.rule_id}): ${s.reason}`);
    for (const e of result.errors) err(`error ${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`);
    out(`imported ${result.imported}, updated ${result.updated}, skipped ${result.skipped.length}, errors ${result.errors.length}`);
    const x = result.exceptions;
    if (x.created + x.updated + x.unchanged) out(`exception items from Kibana exports: ${x.created} added, ${x.updated} updated, ${x.unchanged} unchanged`);
    return result.errors.length ? 1 : 0;
  } finally {
    await embedded?.stop();
  }
}
