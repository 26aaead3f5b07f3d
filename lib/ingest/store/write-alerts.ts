/**
 * alert: the alerts of one ingest window, in the window's transaction, for all its rules in a few
 * statements. Each rule's "maximum alerts per execution" is its cap per 5-minute window; the
 * window's row is locked while counting, so concurrent ingest requests cannot overrun the cap.
 * Alerts are keyed by rule + event ids: a retried batch creates none twice. Matches that make no
 * alert are not lost: a rule's alert suppression folds a group's matches into the group's alert of
 * the window, and matches over the cap are counted on the rule's latest alert — each with the
 * count and first and last time.
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
function heldOf(times: Date[]): Held | null {
  if (times.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    first = Math.min(first, t.getTime());
    last = Math.max(last, t.getTime());
  }
  return { count: times.length, first: new Date(first), last: new Date(last) };
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

/** A match of a rule waiting to be written: when its last event happened, and its alert, built only if it becomes one. */
export interface PendingMatch {
  at: Date;
  row: () => AlertRow;
}

/** The matches of one rule in one window. */
export interface RuleMatches {
  rule: AlertRule;
  matches: PendingMatch[];
}

type HeldRow = AlertRow & { suppressionKey?: string | null; held?: Held | null };

/**
 * Alert suppression: rows of one group (the last source event's values of the group fields) fold
 * into the group's alert of the window — an existing one, or the first row, which becomes it.
 * Returns the rows still to create, and how many matches were folded.
 */
async function suppressByFields(client: pg.ClientBase, rule: AlertRule, rows: HeldRow[], now: Date): Promise<{ rows: HeldRow[]; folded: number }> {
  const s = rule.alertSuppression;
  if (!s) return { rows, folded: 0 };
  const windowMs = s.durationMs ?? durationMs(rule.interval);
  const groups = new Map<string, HeldRow[]>();
  const out: HeldRow[] = [];
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
      await holdOn(client, open.rows[0].id, heldOf(group.map((r) => r.eventTimestamp))!);
      folded += group.length;
    } else {
      out.push(Object.assign(head, { suppressionKey: key, held: heldOf(rest.map((r) => r.eventTimestamp)) }));
      folded += rest.length;
    }
  }
  return { rows: out, folded };
}

/**
 * Writes the alerts of one window for every rule that matched in it, in four statements whatever
 * the number of rules (rules with alert suppression add theirs): the rules' window rows are
 * claimed and locked in rule-id order (so concurrent windows cannot deadlock on them); each rule
 * gets alerts up to its remaining room (after alert suppression), built only for those; the
 * matches over the cap are counted on the window and on the rule's latest alert.
 */
export async function writeWindowAlerts(client: pg.ClientBase, windowStart: Date, entries: RuleMatches[], now = new Date()): Promise<RuleWindowResult> {
  const rules = entries.filter((e) => e.matches.length > 0).sort((a, b) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  const total: RuleWindowResult = { created: 0, suppressed: 0, grouped: 0 };
  if (rules.length === 0) return total;
  const ids = rules.map((e) => e.rule.id);
  if (new Set(ids).size !== ids.length) throw new Error("writeWindowAlerts: one entry per rule");
  const claimed = await client.query<{ ruleId: string; created: number }>(
    `INSERT INTO "rule_window" ("ruleId", "windowStart") SELECT r, $2::timestamp FROM unnest($1::text[]) AS r ORDER BY r
     ON CONFLICT ("ruleId", "windowStart") DO UPDATE SET "created" = "rule_window"."created"
     RETURNING "ruleId", "created"`,
    [ids, utc(windowStart)],
  );
  const createdBefore = new Map(claimed.rows.map((r) => [r.ruleId, r.created]));

  const batch: (HeldRow & { suppressionKey: string | null; suppressedCount: number; suppressedFirstAt: Date | null; suppressedLastAt: Date | null })[] = [];
  const over = new Map<string, Held | null>();
  for (const { rule, matches } of rules) {
    const room = Math.max(0, rule.maxSignals - (createdBefore.get(rule.id) ?? 0));
    let insert: HeldRow[];
    if (rule.alertSuppression) {
      const s = await suppressByFields(client, rule, matches.map((m) => m.row()), now);
      total.grouped += s.folded;
      insert = s.rows.slice(0, room);
      over.set(rule.id, heldOf(s.rows.slice(room).map((r) => r.eventTimestamp)));
    } else {
      insert = matches.slice(0, room).map((m) => m.row());
      over.set(rule.id, heldOf(matches.slice(room).map((m) => m.at)));
    }
    for (const r of insert) {
      batch.push({ ...r, suppressionKey: r.suppressionKey ?? null, suppressedCount: r.held?.count ?? 0, suppressedFirstAt: r.held?.first ?? null, suppressedLastAt: r.held?.last ?? null });
    }
  }

  const created = new Map<string, number>();
  if (batch.length) {
    const inserted = await client.query<{ ruleId: string }>(
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
       RETURNING "ruleId"`,
      [JSON.stringify(batch.map(({ held: _held, ...row }) => row))],
    );
    for (const r of inserted.rows) created.set(r.ruleId, (created.get(r.ruleId) ?? 0) + 1);
  }

  // The windows' counts, and the matches over the cap on each rule's latest alert (where analysts look), in one statement.
  const held = rules.map((e) => over.get(e.rule.id) ?? null);
  await client.query(
    `WITH x AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamp[], $5::timestamp[]) AS x(rule_id, created, over, first_at, last_at)),
          counted AS (UPDATE "rule_window" w SET "created" = w."created" + x.created, "suppressed" = w."suppressed" + x.over
                        FROM x WHERE w."ruleId" = x.rule_id AND w."windowStart" = $6::timestamp),
          latest AS (SELECT x.*, (SELECT a."id" FROM "alert" a WHERE a."ruleId" = x.rule_id ORDER BY a."createdAt" DESC, a."id" DESC LIMIT 1) AS alert_id
                       FROM x WHERE x.over > 0)
     UPDATE "alert" a SET "suppressedCount" = a."suppressedCount" + l.over,
            "suppressedFirstAt" = LEAST(COALESCE(a."suppressedFirstAt", l.first_at), l.first_at),
            "suppressedLastAt" = GREATEST(COALESCE(a."suppressedLastAt", l.last_at), l.last_at)
       FROM latest l WHERE a."id" = l.alert_id`,
    [
      ids,
      ids.map((id) => created.get(id) ?? 0),
      held.map((h) => h?.count ?? 0),
      held.map((h) => (h ? utc(h.first) : null)),
      held.map((h) => (h ? utc(h.last) : null)),
      utc(windowStart),
    ],
  );
  for (const id of ids) total.created += created.get(id) ?? 0;
  for (const h of held) total.suppressed += h?.count ?? 0;
  return total;
}

/** Counts matches an exception item silenced (shown on the exceptions page). */
export async function countSilenced(client: pg.ClientBase, silenced: Map<string, number>, now: Date): Promise<void> {
  for (const [id, n] of silenced) {
    await client.query(`UPDATE "exception_item" SET "suppressedCount" = "suppressedCount" + $2, "lastSuppressedAt" = $3 WHERE "id" = $1`, [id, n, utc(now)]);
  }
}
