/**
 * An import end to end: files (uploads or paths) → rule files → rules → the catalogue. The answer
 * is the API's: counts of imported and updated rules, every rule skipped with its reason, and
 * every file or line that could not be read. Rules stored as failed (their queries do not
 * compile) are counted as imported or updated and also listed in `errors` with the engine's message.
 */
import type { PrismaClient } from "../../db/client";
import type { Actor } from "../../exceptions/exception-store";
import { saveImportedExceptions, type ImportedExceptions } from "../../exceptions/import-exceptions";
import { saveRules, type SkippedRule } from "../catalog/save-rules";
import { readRuleFiles, type ImportError } from "./read-rule-files";
import type { RuleFile } from "./rule-files";

export interface ImportResult {
  imported: number;
  updated: number;
  skipped: SkippedRule[];
  errors: ImportError[];
  /** The catalogue ids of the rules imported or updated (for "preview what they would have found"). */
  ids: string[];
  /** Files that are neither rule files nor archives, left alone. */
  ignored: string[];
  /** Exception items of Kibana exports, stored on the rules that reference their lists. */
  exceptions: ImportedExceptions;
}

const IMPORTER: Actor = { id: null, name: "rule import" };

export async function importRuleFiles(prisma: PrismaClient, files: RuleFile[], ignored: string[] = [], actor: Actor = IMPORTER, options: { strict?: boolean } = {}): Promise<ImportResult> {
  const read = readRuleFiles(files);
  const saved = await saveRules(prisma, read.rules, options);
  // Only items on rules that are in the catalogue now (a rule that failed to read takes none).
  const stored = new Set((await prisma.rule.findMany({ where: { ruleId: { in: [...new Set(read.exceptions.map((e) => e.ruleId!))] } }, select: { ruleId: true } })).map((r) => r.ruleId));
  const exceptions = await saveImportedExceptions(prisma, read.exceptions.filter((e) => e.ruleId && stored.has(e.ruleId)), actor);
  return {
    imported: saved.imported,
    updated: saved.updated,
    skipped: [...read.skipped, ...saved.skipped],
    errors: [...read.errors, ...saved.failed.map((f) => ({ file: f.file, line: null, message: `rule ${f.rule_id}: query does not compile: ${f.message}` }))],
    ids: saved.ids,
    ignored,
    exceptions,
  };
}
