/** A window that PostgreSQL aborts with a deadlock is run again, without detecting its events twice. */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { syncRules } from "../detect";
import { importRuleFiles } from "../rules/import/import-rules";
import { ingestEvents } from "./ingest-events";

let admin: pg.Client;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  // The first alert insert of the test fails as a deadlock would: after the events were copied and
  // detected on. A sequence, unlike a table, is not rolled back with the aborted transaction.
  await admin.query(`CREATE SEQUENCE deadlock_once`);
  await admin.query(`CREATE FUNCTION raise_deadlock_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF nextval('deadlock_once') = 1 THEN
        RAISE EXCEPTION 'deadlock detected (test)' USING ERRCODE = 'deadlock_detected';
      END IF;
      RETURN NULL;
    END $$`);
  await admin.query(`CREATE TRIGGER deadlock_once BEFORE INSERT ON "alert" FOR EACH STATEMENT EXECUTE FUNCTION raise_deadlock_once()`);
  // A sequence rule the events take part in: its matcher keeps state, which a second feeding would corrupt.
  const sequence = `[rule]
rule_id = "kubectl-twice"
name = "kubectl twice on a host"
description = "x"
severity = "low"
risk_score = 1
type = "eql"
language = "eql"
query = 'sequence by host.name [process where event.id : "deadlock-*"] [process where event.id : "deadlock-*"]'
`;
  await importRuleFiles(db(), [{ name: "kubectl-twice.toml", text: sequence }]);
  await db().rule.update({ where: { ruleId: "kubectl-twice" }, data: { enabled: true } });
});

afterAll(async () => {
  await admin.end();
});

const kubectl = (i: number) => ({
  "@timestamp": `2026-11-28T10:00:0${i}.000Z`,
  event: { id: `deadlock-${i}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: "node-d", os: { type: "linux" } },
  process: { pid: 500 + i, name: "kubectl", args: ["kubectl", "--token=x", "get", "secrets"], parent: { name: "bash", pid: 499 } },
});

describe("a window aborted by a deadlock", () => {
  it("is run again: every event and alert stored once, each event detected once", async () => {
    // The stateful part of detection (sequences; event rules ran as the documents were prepared) must see each event once.
    const detector = await syncRules();
    const processSequences = detector.processSequences.bind(detector);
    const seen: unknown[] = [];
    detector.processSequences = (e, index, early) => {
      seen.push((e as { event?: { id?: string } }).event?.id);
      return processSequences(e, index, early);
    };
    try {
      const result = await ingestEvents([0, 1, 2].map((i) => ({ index: i, doc: kubectl(i) })), [], new Date("2026-11-28T10:01:00Z"));
      // Three alerts of the built-in rule, and two sequences (each event completes the one the event before started).
      expect(result).toMatchObject({ accepted: 3, duplicates: 0, alerts_created: 5 });
    } finally {
      detector.processSequences = processSequences;
    }
    // The trigger fired twice (the first run raised, the second passed): the window did run again.
    const { rows } = await admin.query<{ last_value: string }>(`SELECT last_value FROM deadlock_once`);
    expect(Number(rows[0].last_value)).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(["deadlock-0", "deadlock-1", "deadlock-2"]);
    expect(await db().event.count({ where: { id: { startsWith: "deadlock-" } } })).toBe(3);
    expect(await db().alert.count({ where: { eventIds: { hasSome: ["deadlock-0", "deadlock-1", "deadlock-2"] } } })).toBe(5);
    const sequences = await db().alert.findMany({ where: { ruleId: "kubectl-twice" }, orderBy: { eventTimestamp: "asc" } });
    expect(sequences.map((a) => a.eventIds)).toEqual([["deadlock-0", "deadlock-1"], ["deadlock-1", "deadlock-2"]]);
  });
});

describe("a window holding an event whose document has a NUL character", () => {
  it("refuses that event alone: the rest and their alerts are stored", async () => {
    const nul = { ...kubectl(7), event: { id: "nul-7", category: ["process"], type: ["start"], action: "exec" } };
    nul.process = { ...nul.process, args: ["kubectl", "--token=x\u0000", "get", "secrets"] };
    const good = { ...kubectl(8), event: { id: "nul-8", category: ["process"], type: ["start"], action: "exec" } };
    const docs = [nul, good].map((doc, index) => ({ index, doc, raw: JSON.stringify(doc) }));
    const result = await ingestEvents(docs, [], new Date("2026-11-28T10:01:00Z"));
    expect(result).toMatchObject({ accepted: 1, rejected: 1, alerts_created: 1, errors: [{ index: 0, reason: expect.stringContaining("\\u0000") }] });
    expect(await db().event.count({ where: { id: { in: ["nul-7", "nul-8"] } } })).toBe(1);
  });
});
