/**
 * The process tree around an alert's process, rebuilt from stored events: by entity id where the
 * source gives one, else by host + parent pid + time (auditd-style data), as far as known.
 */
import { db } from "../db/client";
import { eventDocuments } from "../events/event-documents";
import type { Event } from "../generated/prisma/client";

export interface TreeNode {
  eventId: string;
  name: string | null;
  pid: number | null;
  args: string[];
  commandLine: string | null;
  user: string | null;
  time: string;
  /** The alert's own process. */
  highlighted: boolean;
  /** How the link to the parent was found. */
  linkedBy: "entity_id" | "pid" | null;
  children: TreeNode[];
}

const MAX_ANCESTORS = 10;
const MAX_CHILDREN = 50;
const PROCESS_START = { category: { has: "process" } };

function argsOf(doc: Record<string, unknown> | undefined): string[] {
  const args = (doc as { process?: { args?: unknown } } | undefined)?.process?.args;
  return Array.isArray(args) ? args.filter((a): a is string => typeof a === "string") : [];
}

/** A node from the event's columns; its args come from the document, read for all nodes at once (withArgs). */
function node(e: Event, highlighted: boolean, linkedBy: TreeNode["linkedBy"], events: Map<string, Event>): TreeNode {
  events.set(e.id, e);
  return {
    eventId: e.id,
    name: e.processName,
    pid: e.processPid,
    args: [],
    commandLine: e.commandLine,
    user: e.userName,
    time: e.timestamp.toISOString(),
    highlighted,
    linkedBy,
    children: [],
  };
}

async function withArgs(root: TreeNode, events: Map<string, Event>): Promise<TreeNode> {
  const docs = await eventDocuments([...events.values()]);
  const fill = (n: TreeNode) => {
    n.args = argsOf(docs.get(n.eventId)?.doc);
    n.children.forEach(fill);
  };
  fill(root);
  return root;
}

async function parentOf(e: Event): Promise<{ event: Event; by: "entity_id" | "pid" } | null> {
  if (e.parentEntityId) {
    const p = await db().event.findFirst({ where: { processEntityId: e.parentEntityId, ...PROCESS_START }, orderBy: { timestamp: "asc" } });
    if (p) return { event: p, by: "entity_id" };
  }
  if (e.hostName && e.processPpid !== null) {
    const p = await db().event.findFirst({
      where: { hostName: e.hostName, processPid: e.processPpid, timestamp: { lte: e.timestamp }, ...PROCESS_START },
      orderBy: { timestamp: "desc" },
    });
    if (p) return { event: p, by: "pid" };
  }
  return null;
}

async function childrenOf(e: Event): Promise<{ event: Event; by: "entity_id" | "pid" }[]> {
  const byEntity = e.processEntityId
    ? await db().event.findMany({ where: { parentEntityId: e.processEntityId, ...PROCESS_START }, orderBy: { timestamp: "asc" }, take: MAX_CHILDREN })
    : [];
  const byPid =
    e.hostName && e.processPid !== null
      ? await db().event.findMany({
          where: { hostName: e.hostName, processPpid: e.processPid, parentEntityId: null, timestamp: { gte: e.timestamp }, ...PROCESS_START },
          orderBy: { timestamp: "asc" },
          take: MAX_CHILDREN,
        })
      : [];
  const seen = new Set<string>();
  const out: { event: Event; by: "entity_id" | "pid" }[] = [];
  for (const [list, by] of [[byEntity, "entity_id"], [byPid, "pid"]] as const) {
    for (const c of list) {
      // One process can have a start and an end event: keep the first per process.
      const key = c.processEntityId ?? `${c.hostName}:${c.processPid}:${c.id}`;
      if (seen.has(key) || c.id === e.id) continue;
      seen.add(key);
      out.push({ event: c, by });
    }
  }
  return out;
}

/** Builds the tree: root = oldest known ancestor; the alert's process highlighted with its children and siblings. */
export async function processTree(eventId: string): Promise<TreeNode | null> {
  const self = await db().event.findUnique({ where: { id: eventId } });
  if (!self) return null;
  const events = new Map<string, Event>();
  const me = node(self, true, null, events);
  for (const c of await childrenOf(self)) me.children.push(node(c.event, false, c.by, events));
  let current = me;
  let currentEvent = self;
  for (let i = 0; i < MAX_ANCESTORS; i++) {
    const parent = await parentOf(currentEvent);
    if (!parent) break;
    current.linkedBy = parent.by;
    const p = node(parent.event, false, null, events);
    // Siblings of the alert's process sit beside it under its parent.
    if (i === 0) {
      for (const s of await childrenOf(parent.event)) {
        if (s.event.processEntityId && s.event.processEntityId === self.processEntityId) continue;
        if (s.event.id === self.id) continue;
        p.children.push(node(s.event, false, s.by, events));
      }
    }
    p.children.unshift(current);
    current = p;
    currentEvent = parent.event;
  }
  return withArgs(current, events);
}
