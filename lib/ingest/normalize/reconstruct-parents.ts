/**
 * auditd-based sources (Auditbeat, Elastic Agent's auditd_manager) send a process's parent pid but
 * not its name, executable or entity id. Before detection, those are filled from Vigil's own
 * process table: the latest process start on the same host with that pid, no later than the child
 * (in the same batch first, then among stored events). The stored document stays as received; the
 * detection copy carries the filled fields and says which ones were reconstructed.
 */
import type pg from "pg";
import { markStoredId, type NormalizedEvent } from "../normalize-event";

export const RECONSTRUCTED = Symbol("vigil.reconstructed");

type Doc = Record<string, unknown> & { process?: Record<string, unknown> & { parent?: Record<string, unknown> } };
/** An event of the batch: its columns, and the event detection reads (null when detection has no use for it). */
type Candidate = { event: Record<string, unknown> | null; row: NormalizedEvent };

/** The fields reconstruction may fill. */
export const RECONSTRUCTABLE: ReadonlySet<string> = new Set(["process.parent.name", "process.parent.executable", "process.parent.entity_id"]);

/** Whether the event's parent fields may be filled: it names a parent pid on a host, but neither its name nor its executable. */
export function mayBeReconstructed(event: Record<string, unknown>, row: NormalizedEvent): boolean {
  const parent = (event as Doc).process?.parent;
  return !!parent && row.processPpid !== null && row.hostName !== null && parent.name === undefined && parent.executable === undefined;
}

interface ParentFacts {
  name: string | null;
  executable: string | null;
  entityId: string | null;
}

function factsOf(row: NormalizedEvent): ParentFacts {
  return { name: row.processName, executable: row.processExecutable, entityId: row.processEntityId };
}

/**
 * Returns the events to detect on: as received, or copies with parent fields filled and marked
 * (null where the batch gave none). Every row of the batch can be a parent.
 */
export async function reconstructParents(client: pg.ClientBase, batch: Candidate[]): Promise<(Record<string, unknown> | null)[]> {
  const wanted = batch.filter((c) => c.event !== null && mayBeReconstructed(c.event, c.row));
  if (wanted.length === 0) return batch.map((c) => c.event);

  // In-batch parents (by host and pid), then one query for the rest.
  const starts = new Map<string, Candidate[]>();
  for (const c of batch) {
    if (c.row.processPid === null || !c.row.category.includes("process")) continue;
    const key = `${c.row.hostName}\u0000${c.row.processPid}`;
    const list = starts.get(key);
    if (list) list.push(c);
    else starts.set(key, [c]);
  }
  // The latest process start on the child's host with its parent pid, no later than the child.
  const inBatch = new Map<Candidate, Candidate>();
  for (const c of wanted) {
    let best: Candidate | undefined;
    for (const p of starts.get(`${c.row.hostName}\u0000${c.row.processPpid}`) ?? []) {
      if (p !== c && p.row.timestamp <= c.row.timestamp && (!best || p.row.timestamp > best.row.timestamp)) best = p;
    }
    if (best) inBatch.set(c, best);
  }
  const missing = wanted.filter((c) => !inBatch.has(c));
  // One round trip: for each, the latest process event on that host with that pid, no later than the child.
  const stored = new Map<Candidate, ParentFacts>();
  if (missing.length) {
    const { rows } = await client.query<{ i: number; name: string | null; entity: string | null; executable: string | null }>(
      `SELECT w.i::int AS i, e."processName" AS name, e."processEntityId" AS entity, e."processExecutable" AS executable
         FROM unnest($1::text[], $2::int[], $3::timestamp[]) WITH ORDINALITY AS w(host, pid, ts, i)
         JOIN LATERAL (SELECT "processName", "processEntityId", "processExecutable" FROM "event"
                        WHERE "hostName" = w.host AND "processPid" = w.pid AND "timestamp" <= w.ts AND 'process' = ANY("category")
                        ORDER BY "timestamp" DESC LIMIT 1) e ON true`,
      [missing.map((c) => c.row.hostName), missing.map((c) => c.row.processPpid), missing.map((c) => c.row.timestamp.toISOString().slice(0, -1))],
    );
    for (const r of rows) stored.set(missing[r.i - 1], { name: r.name, executable: r.executable, entityId: r.entity });
  }

  return batch.map((c) => {
    if (c.event === null) return null;
    const parentInBatch = inBatch.get(c);
    const facts: ParentFacts | null = parentInBatch ? factsOf(parentInBatch.row) : (stored.get(c) ?? null);
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
