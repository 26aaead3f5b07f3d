/**
 * alert: the alerts of one ingest window, in the window's transaction. Each rule's "maximum alerts
 * per execution" is its cap per 5-minute window; the window's row is locked while counting, so
 * concurrent ingest requests cannot overrun the cap. Alerts are keyed by rule + event ids: a
 * retried batch creates none twice.
 */
import type pg from "pg";
import type { alertFromHit } from "../../alerts/alert-from-hit";

export type AlertRow = ReturnType<typeof alertFromHit>;

/** A timestamp(3) parameter: the columns hold UTC without a zone (as Prisma writes them). */
const utc = (d: Date) => d.toISOString().slice(0, -1);

export interface RuleWindowResult {
  created: number;
  suppressed: number;
}

/** Inserts up to the rule's remaining room; counts the rest as suppressed. */
export async function writeRuleAlerts(client: pg.ClientBase, ruleId: string, cap: number, windowStart: Date, rows: AlertRow[]): Promise<RuleWindowResult> {
  await client.query(`INSERT INTO "rule_window" ("ruleId", "windowStart") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [ruleId, utc(windowStart)]);
  const window = await client.query<{ created: number }>(`SELECT "created" FROM "rule_window" WHERE "ruleId" = $1 AND "windowStart" = $2 FOR UPDATE`, [ruleId, utc(windowStart)]);
  const room = Math.max(0, cap - window.rows[0].created);
  const batch = rows.slice(0, room);
  let created = 0;
  if (batch.length) {
    const inserted = await client.query(
      `INSERT INTO "alert" ("id", "dedupeKey", "ruleId", "ruleName", "ruleVersion", "severity", "riskScore", "threat", "eventIds", "eventTimestamp",
                            "hostName", "userName", "processName", "processEntityId", "commandLine", "explanation", "reconstructed", "sourceEvents")
       SELECT gen_random_uuid(), x."dedupeKey", x."ruleId", x."ruleName", x."ruleVersion", x."severity", x."riskScore", x."threat", x."eventIds",
              (x."eventTimestamp" AT TIME ZONE 'UTC')::timestamp(3), x."hostName", x."userName", x."processName", x."processEntityId", x."commandLine",
              x."explanation", x."reconstructed", x."sourceEvents"
         FROM jsonb_to_recordset($1::jsonb) AS x("dedupeKey" text, "ruleId" text, "ruleName" text, "ruleVersion" int, "severity" text, "riskScore" int,
              "threat" jsonb, "eventIds" text[], "eventTimestamp" timestamptz, "hostName" text, "userName" text, "processName" text,
              "processEntityId" text, "commandLine" text, "explanation" jsonb, "reconstructed" text[], "sourceEvents" jsonb)
       ON CONFLICT ("dedupeKey") DO NOTHING
       RETURNING "id"`,
      [JSON.stringify(batch)],
    );
    created = inserted.rowCount ?? 0;
  }
  const suppressed = rows.length - batch.length;
  await client.query(`UPDATE "rule_window" SET "created" = "created" + $3, "suppressed" = "suppressed" + $4 WHERE "ruleId" = $1 AND "windowStart" = $2`, [ruleId, utc(windowStart), created, suppressed]);
  return { created, suppressed };
}

/** Counts matches an exception item silenced (shown on the exceptions page). */
export async function countSilenced(client: pg.ClientBase, silenced: Map<string, number>, now: Date): Promise<void> {
  for (const [id, n] of silenced) {
    await client.query(`UPDATE "exception_item" SET "suppressedCount" = "suppressedCount" + $2, "lastSuppressedAt" = $3 WHERE "id" = $1`, [id, n, utc(now)]);
  }
}
