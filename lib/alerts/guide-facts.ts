import { db, type AlertRecord } from "../db/client";

const SUSPICIOUS_DIRS = ["/tmp/", "/var/tmp/", "/dev/shm/", "/root/", "/home/"];

export interface GuideFacts {
  args: string[];
  parentName: string | null;
  parentExecutable: string | null;
  /** The parent runs from a location the rule calls suspicious (/tmp, /var/tmp, /dev/shm, /root, /home). */
  parentSuspicious: boolean;
  user: string | null;
  host: string | null;
  /** Other alerts for the same user or host within ±24 h of this one. */
  related: { id: string; ruleName: string; hostName: string | null; userName: string | null; eventTimestamp: Date; status: string }[];
}

/** Facts of this alert to set beside each step of the investigation guide. */
export async function guideFacts(alert: AlertRecord, doc: Record<string, unknown> | null): Promise<GuideFacts> {
  const proc = (doc?.process ?? {}) as { args?: unknown; parent?: { name?: unknown; executable?: unknown } };
  const parentExecutable = typeof proc.parent?.executable === "string" ? proc.parent.executable : null;
  const day = 24 * 3600_000;
  const who = [alert.userName ? { userName: alert.userName } : null, alert.hostName ? { hostName: alert.hostName } : null].filter((x) => x !== null);
  const related = who.length
    ? await db().alert.findMany({
        where: {
          id: { not: alert.id },
          OR: who,
          eventTimestamp: { gte: new Date(alert.eventTimestamp.getTime() - day), lte: new Date(alert.eventTimestamp.getTime() + day) },
        },
        orderBy: { eventTimestamp: "desc" },
        take: 20,
        select: { id: true, ruleName: true, hostName: true, userName: true, eventTimestamp: true, status: true },
      })
    : [];
  return {
    args: Array.isArray(proc.args) ? proc.args.filter((a): a is string => typeof a === "string") : [],
    parentName: typeof proc.parent?.name === "string" ? proc.parent.name : null,
    parentExecutable,
    parentSuspicious: parentExecutable !== null && SUSPICIOUS_DIRS.some((d) => parentExecutable.startsWith(d)),
    user: alert.userName,
    host: alert.hostName,
    related,
  };
}
