import { z } from "zod";
import { AppError } from "../api/app-error";
import { db, type PrismaClient } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { ExceptionSet } from "./compile-exceptions";
import { ZExceptionEntry, ZExceptionItem, type TExceptionItem } from "./exception-item";

type Tx = Prisma.TransactionClient;
export interface Actor {
  id: string | null;
  name: string;
}

/** What a client sends to create an exception. */
export const ZNewException = z
  .object({
    ruleId: z.string().min(1).nullable(),
    entries: z.array(ZExceptionEntry).min(1, "an exception needs at least one entry").max(50),
    comment: z.string().trim().min(1, "comment is required").max(4000),
    expiresAt: z.coerce.date().nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict();
export type TNewException = z.infer<typeof ZNewException>;

export const ZExceptionPatch = ZNewException.partial().strict().refine((p) => Object.keys(p).length > 0, "nothing to change");

function toItem(row: { id: string; ruleId: string | null; entries: unknown; comment: string; enabled: boolean; expiresAt: Date | null }): TExceptionItem {
  return ZExceptionItem.parse({ id: row.id, ruleId: row.ruleId, entries: row.entries, comment: row.comment, enabled: row.enabled, expiresAt: row.expiresAt });
}

/** The exceptions in force now, compiled for detection. */
export async function loadExceptionSet(tx: Pick<PrismaClient, "exceptionItem">, now = new Date()): Promise<ExceptionSet> {
  const rows = await tx.exceptionItem.findMany({ where: { enabled: true, invalidReason: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
  const { set, invalid } = ExceptionSet.fromStored(
    rows.map((row) => ({ id: row.id, parse: () => toItem(row) })),
    () => now,
  );
  // One that cannot compile is skipped (the window is stored) and marked, off the ingest path.
  if (invalid.length) void markInvalid(invalid).catch((err) => console.error("could not mark invalid exceptions", err));
  return set;
}

/** Marks stored exceptions that do not compile, with the reason, audited as the system's doing. */
export async function markInvalid(invalid: { id: string; reason: string }[]): Promise<void> {
  for (const { id, reason } of invalid) {
    await db().$transaction(async (tx) => {
      const marked = await tx.exceptionItem.updateMany({ where: { id, invalidReason: null }, data: { invalidReason: reason } });
      if (marked.count) await audit(tx, id, "marked_invalid", { id: null, name: "Vigil (detection)" }, null, { invalidReason: reason });
    });
    console.error(`exception ${id} cannot compile and is skipped by detection: ${reason}`);
  }
}

async function audit(tx: Tx, exceptionId: string, action: string, actor: Actor, before: unknown, after: unknown) {
  await tx.exceptionAudit.create({
    data: { exceptionId, action, actorId: actor.id, actorName: actor.name, before: before === null ? undefined : (before as object), after: after === null ? undefined : (after as object) },
  });
}

export async function createException(input: TNewException, actor: Actor) {
  return db().$transaction(async (tx) => {
    const row = await tx.exceptionItem.create({ data: { ...input, entries: input.entries as object, authorId: actor.id } });
    await audit(tx, row.id, "created", actor, null, row);
    return row;
  });
}

export async function updateException(id: string, patch: Partial<TNewException>, actor: Actor) {
  return db().$transaction(async (tx) => {
    const before = await tx.exceptionItem.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found", "no such exception");
    // An edit is validated with the engine on the way in, so it clears an earlier "cannot compile" mark.
    const row = await tx.exceptionItem.update({ where: { id }, data: { ...patch, entries: patch.entries ? (patch.entries as object) : undefined, invalidReason: null } });
    await audit(tx, id, "updated", actor, before, row);
    return row;
  });
}

export async function deleteException(id: string, actor: Actor) {
  return db().$transaction(async (tx) => {
    const before = await tx.exceptionItem.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found", "no such exception");
    await tx.exceptionItem.delete({ where: { id } });
    await audit(tx, id, "deleted", actor, before, null);
  });
}
