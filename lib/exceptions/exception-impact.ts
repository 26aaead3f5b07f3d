/**
 * What an exception would silence, before saving it: stored events of the last N days and open
 * alerts whose source events it matches; and, on request, closing those open alerts — over all of
 * them, server-side, with the exact count.
 */
import { db } from "../db/client";
import { DOCUMENT_REF, eventDocuments } from "../events/event-documents";
import { ExceptionSet } from "./compile-exceptions";
import type { TExceptionEntry } from "./exception-item";

const BATCH = 2000;
/** Most events a preview reads; the answer says when it stopped there. */
export const PREVIEW_EVENT_LIMIT = 200_000;

function setFor(ruleId: string | null, entries: TExceptionEntry[]) {
  return new ExceptionSet([{ id: "preview", ruleId, entries, comment: "preview", enabled: true, expiresAt: null }]);
}

/**
 * Open alerts (in scope) whose source events the exception matches, all of them, in id order. An
 * alert carries its source events as the rule read them; alerts from before it did are matched
 * against their events' documents, read back from the blocks.
 */
async function matchingOpenAlerts(ruleId: string | null, entries: TExceptionEntry[]): Promise<string[]> {
  const set = setFor(ruleId, entries);
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const alerts = await db().alert.findMany({
      where: { status: { not: "closed" }, ...(ruleId ? { ruleId } : {}), ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, ruleId: true, eventIds: true, sourceEvents: true },
    });
    if (alerts.length === 0) return out;
    const legacy = alerts.filter((a) => !Array.isArray(a.sourceEvents));
    const docs = legacy.length ? await eventDocuments(await db().event.findMany({ where: { id: { in: legacy.flatMap((a) => a.eventIds) } }, select: DOCUMENT_REF })) : new Map();
    for (const a of alerts) {
      const events = Array.isArray(a.sourceEvents)
        ? (a.sourceEvents as Record<string, unknown>[])
        : a.eventIds.flatMap((id) => (docs.has(id) ? [docs.get(id)!.doc] : []));
      if (events.some((e) => set.match(a.ruleId, e))) out.push(a.id);
    }
    after = alerts[alerts.length - 1].id;
  }
}

export interface ImpactPreview {
  days: number;
  events_scanned: number;
  events_matched: number;
  /** True when more events than the limit fell in the window. */
  events_truncated: boolean;
  open_alerts_matched: number;
}

export async function previewException(ruleId: string | null, entries: TExceptionEntry[], days: number, now = new Date(), limit = PREVIEW_EVENT_LIMIT): Promise<ImpactPreview> {
  const set = setFor(null, entries);
  const since = new Date(now.getTime() - days * 86_400_000);
  let scanned = 0;
  let matched = 0;
  // In storage order, so each batch decompresses a few frames of documents rather than one per event.
  let after: { blockId: bigint; blockSeq: number } | undefined;
  const inWindow = () => ({
    timestamp: { gte: since },
    ...(after ? { OR: [{ blockId: { gt: after.blockId } }, { blockId: after.blockId, blockSeq: { gt: after.blockSeq } }] } : {}),
  });
  while (scanned < limit) {
    const events = await db().event.findMany({ where: inWindow(), orderBy: [{ blockId: "asc" }, { blockSeq: "asc" }], take: BATCH, select: DOCUMENT_REF });
    if (events.length === 0) break;
    for (const { doc } of (await eventDocuments(events)).values()) if (set.match("any", doc)) matched++;
    scanned += events.length;
    after = events[events.length - 1];
  }
  const truncated = scanned >= limit && (await db().event.count({ where: inWindow() })) > 0;
  return { days, events_scanned: scanned, events_matched: matched, events_truncated: truncated, open_alerts_matched: (await matchingOpenAlerts(ruleId, entries)).length };
}

/** Closes every open alert the exception matches (reason: false positive); returns how many. */
export async function closeMatchingAlerts(ruleId: string | null, entries: TExceptionEntry[]): Promise<number> {
  const ids = await matchingOpenAlerts(ruleId, entries);
  let closed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const { count } = await db().alert.updateMany({ where: { id: { in: ids.slice(i, i + BATCH) }, status: { not: "closed" } }, data: { status: "closed", closeReason: "false_positive" } });
    closed += count;
  }
  return closed;
}
