/**
 * Exception items that travel with rules (a Kibana export's lists and items) stored as Vigil
 * exceptions on the rules that reference them. Each keeps where it came from, so importing the
 * same export again updates its entries instead of adding a copy; whether an analyst enabled,
 * disabled or set an expiry on it stays theirs. Every change is in the exception's audit trail.
 */
import { isDeepStrictEqual } from "node:util";
import type { PrismaClient } from "../db/client";
import type { Actor } from "./exception-store";
import type { TExceptionItem } from "./exception-item";

export interface ImportedExceptions {
  created: number;
  updated: number;
  unchanged: number;
}

/** Where an exported item came from: its list and item ids (the item's id is `list/item/rule`). */
function originOf(item: TExceptionItem): string {
  const suffix = `/${item.ruleId}`;
  const id = item.id.endsWith(suffix) ? item.id.slice(0, -suffix.length) : item.id;
  return `kibana:${id}`;
}

export async function saveImportedExceptions(prisma: PrismaClient, items: readonly TExceptionItem[], actor: Actor): Promise<ImportedExceptions> {
  const out: ImportedExceptions = { created: 0, updated: 0, unchanged: 0 };
  if (items.length === 0) return out;
  await prisma.$transaction(async (tx) => {
    for (const item of items) {
      const importedFrom = originOf(item);
      const before = item.ruleId ? await tx.exceptionItem.findUnique({ where: { importedFrom_ruleId: { importedFrom, ruleId: item.ruleId } } }) : null;
      if (!before) {
        const row = await tx.exceptionItem.create({ data: { ruleId: item.ruleId, entries: item.entries as object, comment: item.comment, enabled: item.enabled, importedFrom, authorId: actor.id } });
        await tx.exceptionAudit.create({ data: { exceptionId: row.id, action: "created", actorId: actor.id, actorName: actor.name, after: row as object } });
        out.created++;
      } else if (!isDeepStrictEqual(before.entries, item.entries) || before.comment !== item.comment) {
        const row = await tx.exceptionItem.update({ where: { id: before.id }, data: { entries: item.entries as object, comment: item.comment, invalidReason: null } });
        await tx.exceptionAudit.create({ data: { exceptionId: row.id, action: "updated", actorId: actor.id, actorName: actor.name, before: before as object, after: row as object } });
        out.updated++;
      } else out.unchanged++;
    }
  });
  return out;
}
