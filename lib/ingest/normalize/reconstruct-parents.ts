/**
 * auditd-based sources (Auditbeat, Elastic Agent's auditd_manager) send a process's parent pid but
 * not its name, executable or entity id. Before detection, those are filled from Vigil's own
 * process table: the latest process start on the same host with that pid, no later than the child
 * (in the same batch first, then among stored events). The stored document stays as received; the
 * detection copy carries the filled fields and says which ones were reconstructed.
 */
import type { Prisma } from "../../generated/prisma/client";
import { markStoredId, type NormalizedEvent } from "../normalize-event";

export const RECONSTRUCTED = Symbol("vigil.reconstructed");

type Doc = Record<string, unknown> & { process?: Record<string, unknown> & { parent?: Record<string, unknown> } };
type Candidate = { event: Record<string, unknown>; row: NormalizedEvent };

interface ParentFacts {
  name: string | null;
  executable: string | null;
  entityId: string | null;
}

function factsOf(doc: Doc, row: { processName: string | null; processEntityId: string | null }): ParentFacts {
  const p = doc.process ?? {};
  return { name: row.processName, executable: typeof p.executable === "string" ? p.executable : null, entityId: row.processEntityId };
}

/** Returns the events to detect on: as received, or copies with parent fields filled and marked. */
export async function reconstructParents(tx: Prisma.TransactionClient, batch: Candidate[]): Promise<Record<string, unknown>[]> {
  const needs = (c: Candidate) => {
    const parent = (c.event as Doc).process?.parent;
    return !!parent && c.row.processPpid !== null && c.row.hostName !== null && parent.name === undefined && parent.executable === undefined;
  };
  const wanted = batch.filter(needs);
  if (wanted.length === 0) return batch.map((c) => c.event);

  // In-batch parents, then one query for the rest.
  const starts = batch.filter((c) => c.row.processPid !== null && c.row.category.includes("process"));
  const fromBatch = (c: Candidate) =>
    starts
      .filter((p) => p !== c && p.row.hostName === c.row.hostName && p.row.processPid === c.row.processPpid && p.row.timestamp <= c.row.timestamp)
      .sort((a, b) => b.row.timestamp.getTime() - a.row.timestamp.getTime())[0];
  const missing = wanted.filter((c) => !fromBatch(c));
  const stored = missing.length
    ? await tx.event.findMany({
        where: { OR: missing.map((c) => ({ hostName: c.row.hostName, processPid: c.row.processPpid, timestamp: { lte: c.row.timestamp } })), category: { has: "process" } },
        orderBy: { timestamp: "desc" },
        select: { hostName: true, processPid: true, processName: true, processEntityId: true, timestamp: true, doc: true },
        take: 5000,
      })
    : [];

  return batch.map((c) => {
    if (!needs(c)) return c.event;
    const inBatch = fromBatch(c);
    let facts: ParentFacts | null = inBatch ? factsOf(inBatch.event as Doc, inBatch.row) : null;
    if (!facts) {
      const s = stored.find((e) => e.hostName === c.row.hostName && e.processPid === c.row.processPpid && e.timestamp <= c.row.timestamp);
      if (s) facts = factsOf(s.doc as Doc, s);
    }
    if (!facts) return c.event;
    const doc = c.event as Doc;
    const parent = { ...(doc.process?.parent ?? {}) };
    const filled: string[] = [];
    if (facts.name) {
      parent.name = facts.name;
      filled.push("process.parent.name");
    }
    if (facts.executable) {
      parent.executable = facts.executable;
      filled.push("process.parent.executable");
    }
    if (facts.entityId && parent.entity_id === undefined) {
      parent.entity_id = facts.entityId;
      filled.push("process.parent.entity_id");
    }
    if (filled.length === 0) return c.event;
    const copy: Record<string, unknown> = markStoredId({ ...doc, process: { ...(doc.process ?? {}), parent } }, c.row.id);
    Object.defineProperty(copy, RECONSTRUCTED, { value: filled, enumerable: false });
    return copy;
  });
}

/** The fields reconstructed on a detection copy (none for an event as received). */
export function reconstructedFields(e: unknown): string[] {
  return ((e as Record<symbol, unknown> | null)?.[RECONSTRUCTED] as string[] | undefined) ?? [];
}
