/**
 * alert: the alerts of one ingest window, in the window's transaction. Each rule's "maximum alerts
 * per execution" is its cap per 5-minute window; the window's row is locked while counting, so
 * concurrent ingest requests cannot overrun the cap. Alerts are keyed by rule + event ids: a
 * retried batch creates none twice. Matches that make no alert are not lost: a rule's alert
 * suppression folds a group's matches into the group's alert of the window, and matches over the
 * cap are counted on the rule's latest alert — each with the count and first and last time.
 */
import type pg from "pg";
import type { alertFromHit } from "../../alerts/alert-from-hit";
import { durationMs, type TRule } from "../../rules/rule";
import { fieldValue } from "../../eql/fields";

export type AlertRow = ReturnType<typeof alertFromHit>;

/** What writing a rule's alerts needs of the rule. */
export type AlertRule = Pick<TRule, "id" | "maxSignals" | "alertSuppression" | "interval">;

/** A timestamp(3) parameter: the columns hold UTC without a zone (as Prisma writes them). */
const utc = (d: Date) => d.toISOString().slice(0, -1);

export interface RuleWindowResult {
  created: number;
  /** Matches over the cap. */
  suppressed: number;
  /** Matches folded into their group's alert by alert suppression. */
  grouped: number;
}

interface Held {
  count: number;
  first: Date;
  last: Date;
}
function heldOf(rows: AlertRow[]): Held | null {
  if (rows.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    first = Math.min(first, r.eventTimestamp.getTime());
    last = Math.max(last, r.eventTimestamp.getTime());
  }
  return { count: rows.length, first: new Date(first), last: new Date(last) };
}

/** Adds held-back matches to an alert's count and time span. */
async function holdOn(client: pg.ClientBase, alertId: string, held: Held): Promise<void> {
  await client.query(
    `UPDATE "alert" SET "suppressedCount" = "suppressedCount" + $2,
            "suppressedFirstAt" = LEAST(COALESCE("suppressedFirstAt", $3::timestamp), $3::timestamp),
            "suppressedLastAt" = GREATEST(COALESCE("suppressedLastAt", $4::timestamp), $4::timestamp)
      WHERE "id" = $1`,
    [alertId, held.count, utc(held.first), utc(held.last)],
  );
}


/**
 * Alert suppression: rows of one group (the last source event's values of the group fields) fold
 * into the group's alert of the window — an existing one, or the first row, which becomes it.
 * Returns the rows still to create, and how many matches were folded.
 */
async function suppressByFields(client: pg.ClientBase, rule: AlertRule, rows: AlertRow[], now: Date): Promise<{ rows: AlertRow[]; folded: number }> {
  const s = rule.alertSuppression;
  if (!s) return { rows, folded: 0 };
  const windowMs = s.durationMs ?? durationMs(rule.interval);
  const groups = new Map<string, AlertRow[]>();
  const out: AlertRow[] = [];
  for (const row of rows) {
    const last = row.sourceEvents[row.sourceEvents.length - 1];
    const values = s.groupBy.map((f) => fieldValue(last, f) ?? null);
    if (s.missingFields === "doNotSuppress" && values.some((v) => v === null)) {
      out.push(row);
      continue;
    }
    const key = `${rule.id}|${JSON.stringify(values)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  let folded = 0;
  for (const [key, group] of groups) {
    const open = await client.query<{ id: string }>(`SELECT "id" FROM "alert" WHERE "suppressionKey" = $1 AND "createdAt" >= $2 ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`, [key, utc(new Date(now.getTime() - windowMs))]);
    const [head, ...rest] = group;
    if (open.rows[0]) {
      await holdOn(client, open.rows[0].id, heldOf(group)!);
      folded += group.length;
    } else {
      out.push(Object.assign(head, { suppressionKey: key, held: heldOf(rest) }));
      folded += rest.length;
    }
  }
  return { rows: out, folded };
}

/**
 * Inserts the rule's alerts up to its remaining room in the window (after alert suppression);
 * the matches over the cap are counted on the window and on the rule's latest alert.
 */
export async function writeRuleAlerts(client: pg.ClientBase, rule: AlertRule, windowStart: Date, allRows: AlertRow[], now = new Date()): Promise<RuleWindowResult> {
  const ruleId = rule.id;
  const cap = rule.maxSignals;
  await client.query(`INSERT INTO "rule_window" ("ruleId", "windowStart") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [ruleId, utc(windowStart)]);
  const window = await client.query<{ created: number }>(`SELECT "created" FROM "rule_window" WHERE "ruleId" = $1 AND "windowStart" = $2 FOR UPDATE`, [ruleId, utc(windowStart)]);
  const room = Math.max(0, cap - window.rows[0].created);
  const { rows, folded } = await suppressByFields(client, rule, allRows, now);
  const batch = rows.slice(0, room).map((r) => {
    const held = (r as { held?: Held | null }).held ?? null;
    return { ...r, suppressionKey: (r as { suppressionKey?: string }).suppressionKey ?? null, suppressedCount: held?.count ?? 0, suppressedFirstAt: held?.first ?? null, suppressedLastAt: held?.last ?? null };
  });
  let created = 0;
  if (batch.length) {
    const inserted = await client.query(
      `INSERT INTO "alert" ("id", "dedupeKey", "ruleId", "ruleName", "ruleVersion", "severity", "riskScore", "threat", "eventIds", "eventTimestamp",
                            "hostName", "userName", "processName", "processEntityId", "commandLine", "explanation", "reconstructed", "sourceEvents",
                            "suppressionKey", "suppressedCount", "suppressedFirstAt", "suppressedLastAt")
       SELECT gen_random_uuid(), x."dedupeKey", x."ruleId", x."ruleName", x."ruleVersion", x."severity", x."riskScore", x."threat", x."eventIds",
              (x."eventTimestamp" AT TIME ZONE 'UTC')::timestamp(3), x."hostName", x."userName", x."processName", x."processEntityId", x."commandLine",
              x."explanation", x."reconstructed", x."sourceEvents", x."suppressionKey", x."suppressedCount",
              (x."suppressedFirstAt" AT TIME ZONE 'UTC')::timestamp(3), (x."suppressedLastAt" AT TIME ZONE 'UTC')::timestamp(3)
         FROM jsonb_to_recordset($1::jsonb) AS x("dedupeKey" text, "ruleId" text, "ruleName" text, "ruleVersion" int, "severity" text, "riskScore" int,
              "threat" jsonb, "eventIds" text[], "eventTimestamp" timestamptz, "hostName" text, "userName" text, "processName" text,
              "processEntityId" text, "commandLine" text, "explanation" jsonb, "reconstructed" text[], "sourceEvents" jsonb,
              "suppressionKey" text, "suppressedCount" int, "suppressedFirstAt" timestamptz, "suppressedLastAt" timestamptz)
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "id"`,
      [JSON.stringify(batch)],
    );
    created = inserted.rowCount ?? 0;
  }
  const over = rows.slice(room);
  const suppressed = over.length;
  if (over.length) {
    // Over the cap: counted on the rule's latest alert, so the matches stay visible where analysts look.
    const latest = await client.query<{ id: string }>(`SELECT "id" FROM "alert" WHERE "ruleId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`, [ruleId]);
    if (latest.rows[0]) await holdOn(client, latest.rows[0].id, heldOf(over)!);
  }
  await client.query(`UPDATE "rule_window" SET "created" = "created" + $3, "suppressed" = "suppressed" + $4 WHERE "ruleId" = $1 AND "windowStart" = $2`, [ruleId, utc(windowStart), created, suppressed]);
  return { created, suppressed, grouped: folded };
}

/** Counts matches an exception item silenced (shown on the exceptions page). */
export async function countSilenced(client: pg.ClientBase, silenced: Map<string, number>, now: Date): Promise<void> {
  for (const [id, n] of silenced) {
    await client.query(`UPDATE "exception_item" SET "suppressedCount" = "suppressedCount" + $2, "lastSuppressedAt" = $3 WHERE "id" = $1`, [id, n, utc(now)]);
  }
}
