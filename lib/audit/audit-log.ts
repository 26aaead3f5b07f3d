/**
 * The audit log: one append-only table (audit_entry; a trigger refuses UPDATE and DELETE) of who
 * did what to what, and what changed. Routes record through their contract (lib/api/with-route.ts,
 * `audit`), sign-ins through the auth route; entries keep the actor's name and address as they
 * were, so history stays readable after a user is renamed or deleted.
 */
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../api/keyset-cursor";
import { db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "./actor";

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  changes?: unknown;
}

/** Keys whose values never go into the log. */
const SECRET_KEY = /pass(word)?|secret|token|credential|api_?key|authorization/i;

/** The changes with every secret-looking value replaced, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.slice(0, 1000).map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
}

type Writer = Pick<Prisma.TransactionClient, "auditEntry">;

export async function recordAudit(actor: Actor | { kind: "anonymous"; id: null; name: string; ip?: string | null }, record: AuditRecord, tx: Writer = db()): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name.slice(0, 256),
      actorIp: actor.ip ?? null,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId ?? null,
      changes: record.changes === undefined ? undefined : (redact(record.changes) as Prisma.InputJsonValue),
    },
  });
}

export const ZAuditQuery = z
  .object({
    actor: z.string().max(256).optional(),
    action: z.string().max(100).optional(),
    target_type: z.string().max(100).optional(),
    target_id: z.string().max(256).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

const ZCursor = z.object({ at: z.coerce.date(), id: z.string().uuid() }).strict();

export interface AuditEntryJson {
  at: string;
  actor: { id: string | null; name: string; kind: string; ip: string | null };
  action: string;
  target_type: string;
  target_id: string | null;
  changes: unknown;
}

/** Newest first, by keyset (`at`, `id`): stable while entries are added. `actor` matches an id or a name. */
export async function listAudit(q: TAuditQuery): Promise<{ entries: AuditEntryJson[]; next_cursor: string | null }> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (q.actor) and.push({ OR: [{ actorId: q.actor }, { actorName: q.actor }] });
  if (q.action) and.push({ action: q.action });
  if (q.target_type) and.push({ targetType: q.target_type });
  if (q.target_id) and.push({ targetId: q.target_id });
  if (q.from) and.push({ at: { gte: q.from } });
  if (q.to) and.push({ at: { lte: q.to } });
  if (q.cursor) {
    const c = decodeCursor(q.cursor, ZCursor);
    and.push({ OR: [{ at: { lt: c.at } }, { at: c.at, id: { lt: c.id } }] });
  }
  const rows = await db().auditEntry.findMany({ where: { AND: and }, orderBy: [{ at: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      at: r.at.toISOString(),
      actor: { id: r.actorId, name: r.actorName, kind: r.actorKind, ip: r.actorIp },
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      changes: r.changes,
    })),
    next_cursor: rows.length > q.limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
  };
}
