import { z } from "zod";
import { db } from "../db/client";

/** Filters of the exception list (page and API share them). */
export const ZExceptionFilters = z.object({
  rule: z.string().max(256).optional(),
  field: z.string().max(256).optional(),
  value: z.string().max(1024).optional(),
  expired: z.enum(["true", "false"]).optional(),
  author: z.string().max(128).optional(),
});
export type TExceptionFilters = z.infer<typeof ZExceptionFilters>;

type Entry = { field: string; operator: string; values: string[]; caseInsensitive: boolean };

/** Exception items, newest first, filtered by rule, entry field, entry value, expiry and author. */
export async function listExceptions(f: TExceptionFilters, now = new Date()) {
  const rows = await db().exceptionItem.findMany({
    where: {
      ...(f.rule ? { ruleId: f.rule } : {}),
      ...(f.expired === "true" ? { expiresAt: { lte: now } } : f.expired === "false" ? { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : {}),
      ...(f.author ? { author: { username: f.author.toLowerCase() } } : {}),
    },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { username: true } } },
  });
  const value = f.value?.toLowerCase();
  return rows
    .map((r) => ({ ...r, entries: r.entries as Entry[], author: r.author?.username ?? null, expired: r.expiresAt !== null && r.expiresAt <= now }))
    .filter((r) => (!f.field || r.entries.some((e) => e.field === f.field)) && (!value || r.entries.some((e) => e.values.some((v) => v.toLowerCase().includes(value)))));
}
