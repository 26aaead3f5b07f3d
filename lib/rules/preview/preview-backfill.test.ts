/**
 * Preview and back-fill against PostgreSQL: a preview over stored events finds exactly the alerts
 * ingest raised for them (event and sequence rules, index patterns, auditd parents reconstructed),
 * uses the indexed columns a query constrains, and a back-fill recreates the alerts once, however
 * often it runs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedCorpus } from "../../corpus/shared-corpus";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { ingestEvents } from "../../ingest/ingest-events";
import { bulkUpdateRules } from "../catalog/update-rules";
import { importRuleFiles } from "../import/import-rules";
import { parse } from "../../eql/parser";
import { prefilterOf } from "./column-prefilter";
import { ruleRuns, startBackfill } from "./backfill";
import { previewRule } from "./preview-rule";

const LINUX = path.join(sharedCorpus("detection-rules"), "rules/linux");
const SEED = "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d";
const STRACE = "9eaa3fb1-3f70-48ed-bb0e-d7ae4d3c8f28";
const from = new Date("2026-12-01T00:00:00Z");
const t0 = new Date("2026-12-01T10:00:00Z").getTime();
let n = 0;

const proc = (name: string, extra: { type?: string; args?: string[]; host?: string; parent?: Record<string, unknown> } = {}) => {
  n++;
  return {
    "@timestamp": new Date(t0 + n * 100).toISOString(),
    event: { id: `pv-${n}`, category: ["process"], type: [extra.type ?? "start"], action: extra.type === "end" ? "end" : "exec" },
    host: { name: extra.host ?? "node-p", id: `h-${extra.host ?? "node-p"}`, os: { type: "linux" } },
    user: { name: "ops" },
    process: { pid: 2000 + n, name, args: extra.args ?? [name], parent: extra.parent ?? { name: "bash", pid: 1999 } },
  };
};

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  const files = ["credential_access_ssh_password_grabbing_via_strace.toml", "command_and_control_linux_proxychains_activity.toml"].map((f) => ({ name: f, text: readFileSync(path.join(LINUX, f), "utf8") }));
  await importRuleFiles(db(), files);
  await bulkUpdateRules(db(), { action: "enable", filter: { tag: "OS: Linux" } });
  await ingestEvents(
    [
      proc("kubectl", { args: ["kubectl", "--as=admin", "get", "pods"] }),
      proc("kubectl", { args: ["kubectl", "get", "pods"] }),
      proc("sshd", { type: "end", host: "node-s" }),
      proc("strace", { host: "node-s" }),
      proc("proxychains", { args: ["proxychains", "nmap"] }),
    ].map((doc, index) => ({ index, doc, target: "logs-endpoint.events.process-default" })),
    [],
  );
  await ingestEvents([{ index: 0, doc: proc("proxychains"), target: "unrelated-index" }], []);
  // auditd: the kubectl event names only its parent's pid; ingest reconstructs the parent from the process table.
  const shell = { "@timestamp": new Date(t0 + 10_000).toISOString(), event: { id: `pv-shell`, category: ["process"], type: ["start"], action: "executed" }, host: { name: "node-a", os: { type: "linux" } }, user: { name: "ops" }, process: { pid: 3000, name: "bash", executable: "/bin/bash", args: ["bash"], parent: { pid: 1 } } };
  const kubectl = { "@timestamp": new Date(t0 + 11_000).toISOString(), event: { id: `pv-kube`, category: ["process"], type: ["start"], action: "executed" }, host: { name: "node-a", os: { type: "linux" } }, user: { name: "ops" }, process: { pid: 3001, name: "kubectl", args: ["kubectl", "--token=abc", "get", "secrets"], parent: { pid: 3000 } } };
  await ingestEvents([{ index: 0, doc: shell }, { index: 1, doc: kubectl }], []);
});

const idOf = async (ruleId: string) => (await db().rule.findUniqueOrThrow({ where: { ruleId } })).id;
const alertEvents = async (ruleId: string) => (await db().alert.findMany({ where: { ruleId }, select: { eventIds: true } })).map((a) => a.eventIds.join(",")).sort();

describe("rule preview", () => {
  it("finds exactly what ingest raised, for event and sequence rules, index patterns and reconstructed parents", async () => {
    for (const ruleId of [SEED, STRACE, "4b868f1f-15ff-4ba3-8c11-d5a7a6356d37"]) {
      const p = await previewRule({ rule: await idOf(ruleId), from, limit: 50 });
      expect(p.matches.map((m) => m.event_ids.join(",")).sort()).toEqual(await alertEvents(ruleId));
      expect(p.matches_total).toBe(p.matches.length);
    }
    expect(await alertEvents(SEED)).toHaveLength(2); // --as= and the auditd --token=
    expect(await alertEvents(STRACE)).toEqual(["pv-3,pv-4"]);
  });

  it("previews a draft query with index patterns, explains matches, and reports a bad query with line:col", async () => {
    const p = await previewRule({ query: 'process where process.name == "proxychains"', index: "logs-endpoint.*", from, limit: 50 });
    expect(p.matches_total).toBe(1);
    expect(p.matches[0].explanation).toEqual([[expect.objectContaining({ field: "process.name", value: "proxychains" })]]);
    expect(p.events_scanned).toBe(2); // the prefilter read only the two proxychains rows
    const all = await previewRule({ query: 'process where process.name == "proxychains"', from, limit: 50 });
    expect(all.matches_total).toBe(2);
    await expect(previewRule({ query: "process where ==", from, limit: 5 })).rejects.toThrow(/^query: 1:15 /);
  });

  it("narrows the scan to the indexed columns a query names", () => {
    const p = prefilterOf(parse('process where process.name in ("a", "b") and host.name == "h" and process.args : "*x*"'), null, 5);
    expect(p.sql).toEqual(['"category" @> ARRAY[$5]::text[]', '"processName" = ANY($6::text[])', '"hostName" = ANY($7::text[])']);
    expect(p.params).toEqual(["process", ["a", "b"], ["h"]]);
    expect(prefilterOf(parse('process where process.name == "a" or host.name == "h"'), null, 5).sql).toEqual(['"category" @> ARRAY[$5]::text[]']);
    expect(prefilterOf(parse('process where not process.name == "a"'), null, 1).params).toEqual(["process"]);
    expect(prefilterOf(parse('sequence [process where true] [network where true]'), null, 1).sql).toEqual(['"category" && $1::text[]']);
  });
});

describe("back-fill", () => {
  it("recreates the alerts a rule finds, once, however often it runs, with its progress", async () => {
    const before = await alertEvents(SEED);
    await db().alert.deleteMany({ where: { ruleId: SEED } });
    const id = await idOf(SEED);
    const first = await startBackfill(id, { from, to: new Date() }, "tester");
    await first.finished;
    expect(await alertEvents(SEED)).toEqual(before);
    const again = await startBackfill(id, { from, to: new Date() }, "tester");
    await again.finished;
    expect(await alertEvents(SEED)).toEqual(before);
    const runs = await ruleRuns(id);
    expect(runs.map((r) => [r.status, r.created, r.matched])).toEqual([
      ["done", 0, 2],
      ["done", 2, 2],
    ]);
    // The kubectl prefilter reads the kubectl rows only, out of every stored event in the range.
    expect(runs[0].scanned).toBe(3);
    expect(runs[0].total).toBe(await db().event.count());
  });
});
