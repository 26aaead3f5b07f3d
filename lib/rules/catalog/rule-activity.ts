/**
 * A rule's matches over time, for its sparkline: per hour of the last days, the alerts it created
 * and the matches over its cap, from the rule windows ingest and back-fill count in (live matches
 * by when they were detected, back-filled ones by when their events happened).
 */
import type { PrismaClient } from "../../db/client";

export interface MatchHour {
  /** The hour's start, ISO 8601 UTC. */
  hour: string;
  alerts: number;
  over_cap: number;
}

const HOUR = 3_600_000;
/** The columns hold UTC without a zone: compared as such, whatever the session's time zone. */
const utc = (ms: number) => new Date(ms).toISOString().slice(0, -1);

/** Every hour of the last `hours` up to `now`'s hour, oldest first, zeros where the rule matched nothing. */
export async function matchesByHour(prisma: Pick<PrismaClient, "$queryRaw">, ruleId: string, now = new Date(), hours = 7 * 24): Promise<MatchHour[]> {
  const last = Math.floor(now.getTime() / HOUR) * HOUR;
  const first = last - (hours - 1) * HOUR;
  const rows = await prisma.$queryRaw<{ hour: Date; alerts: number; over: number }[]>`
    SELECT date_trunc('hour', "windowStart") AS hour, sum("created")::int AS alerts, sum("suppressed")::int AS over
      FROM "rule_window"
     WHERE "ruleId" = ${ruleId} AND "windowStart" >= ${utc(first)}::timestamp AND "windowStart" < ${utc(last + HOUR)}::timestamp
     GROUP BY 1`;
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  return Array.from({ length: hours }, (_, i) => {
    const t = first + i * HOUR;
    const r = byHour.get(t);
    return { hour: new Date(t).toISOString(), alerts: r?.alerts ?? 0, over_cap: r?.over ?? 0 };
  });
}
