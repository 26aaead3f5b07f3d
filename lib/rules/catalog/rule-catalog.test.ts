/**
 * The rule catalogue against PostgreSQL: the whole detection-rules corpus imported with nothing
 * lost, versions, enabling by tag, and enabled rules running at ingest — live, scoped to their
 * index patterns, with sequence state kept across a swap.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { pack } from "tar-stream";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedCorpus } from "../../corpus/shared-corpus";
import { db } from "../../db/client";
import { createTestDatabase } from "../../db/test-database";
import { syncRules, activeRules } from "../../detect";
import { ingestEvents } from "../../ingest/ingest-events";
import { importRuleFiles } from "../import/import-rules";
import { ruleFilesOfPaths, ruleFilesOfUploads } from "../import/rule-files";
import { bulkUpdateRules, updateRule } from "./update-rules";
import { listRules } from "./list-rules";

const CORPUS = sharedCorpus("detection-rules");
const PROXYCHAINS = "4b868f1f-15ff-4ba3-8c11-d5a7a6356d37";
const STRACE = "9eaa3fb1-3f70-48ed-bb0e-d7ae4d3c8f28";
const SEED = "3c6685eb-9eaa-43a4-be1b-a7f9f1f5e63d";

let n = 0;
const exec = (name: string, extra: Record<string, unknown> = {}) => ({
  "@timestamp": new Date(Date.now() + n * 10).toISOString(),
  event: { id: `cat-${++n}`, category: ["process"], type: ["start"], action: "exec", ...extra },
  host: { name: "node-r", id: "h-1", os: { type: "linux" } },
  user: { name: "dev" },
  process: { pid: 1000 + n, name, args: [name, "curl", "http://x"], parent: { name: "bash", pid: 1 } },
});
const ship = (index: string | null, docs: unknown[]) => ingestEvents(docs.map((doc, i) => ({ index: i, doc, target: index })), []);
const alertsOf = (ruleId: string) => db().alert.count({ where: { ruleId } });

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

describe("the rule catalogue", () => {
  it("installs the built-in rule enabled on first use", async () => {
    await syncRules();
    const seed = await db().rule.findUniqueOrThrow({ where: { ruleId: SEED } });
    expect(seed).toMatchObject({ enabled: true, status: "ok", origin: "builtin" });
    expect(activeRules().map((r) => r.rule.id)).toEqual([SEED]);
  });

  it("imports the whole detection-rules corpus: every rule imported, skipped with a reason, or an error", async () => {
    const { files } = await ruleFilesOfPaths([CORPUS]);
    expect(files.length).toBe(1081);
    const started = performance.now();
    const result = await importRuleFiles(db(), files);
    const seconds = (performance.now() - started) / 1000;
    // Every file has exactly one outcome: imported, skipped with a reason, or an error.
    const outcomes = new Map<string, string[]>();
    const note = (file: string, what: string) => outcomes.set(file, [...(outcomes.get(file) ?? []), what]);
    const stored = await db().rule.findMany({ where: { origin: "toml" }, select: { sourceFile: true } });
    stored.forEach((r) => note(r.sourceFile!, "stored"));
    result.skipped.forEach((s) => note(s.file, "skipped"));
    result.errors.filter((e) => !/does not compile/.test(e.message)).forEach((e) => note(e.file, "error"));
    expect(files.filter((f) => outcomes.get(f.name)?.length !== 1).map((f) => [f.name, outcomes.get(f.name)])).toEqual([]);
    expect(result.imported).toBe(stored.length);
    // The corpus holds the seed rule too, at the version already installed.
    expect(result.skipped.find((s) => s.rule_id === SEED)?.reason).toMatch(/is not newer than the stored version/);
    expect(await db().rule.count({ where: { enabled: true } })).toBe(1);
    expect(seconds).toBeLessThan(30);
  });

  it("skips an older or equal version, updates a newer one and keeps the analyst's settings", async () => {
    const file = path.join(CORPUS, "rules/linux/command_and_control_linux_proxychains_activity.toml");
    const again = await importRuleFiles(db(), [{ name: "proxychains.toml", text: readFileSync(file, "utf8") }]);
    expect(again).toMatchObject({ imported: 0, updated: 0 });
    expect(again.skipped).toEqual([{ file: "proxychains.toml", rule_id: PROXYCHAINS, reason: "version 1 is not newer than the stored version 1" }]);

    const stored = await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } });
    await updateRule(db(), stored.id, { enabled: true, severity: "critical" });
    const v2 = readFileSync(file, "utf8").replace("[rule]", "[rule]\nversion = 2").replace('name = "ProxyChains Activity"', 'name = "ProxyChains Activity (v2)"');
    const newer = await importRuleFiles(db(), [{ name: "proxychains-v2.toml", text: v2 }]);
    expect(newer).toMatchObject({ imported: 0, updated: 1, skipped: [] });
    expect(await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } })).toMatchObject({ version: 2, name: "ProxyChains Activity (v2)", enabled: true, severityOverride: "critical" });
    await updateRule(db(), stored.id, { enabled: false, severity: null });
  });

  it("skips rules of other languages with the reason, from TOML and from Kibana exports", async () => {
    const kql = `[rule]\nrule_id = "kql-1"\nname = "A KQL rule"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "query"\nlanguage = "kuery"\nquery = 'process.name : "x"'\n`;
    const ndjson = [
      JSON.stringify({ rule_id: "ml-1", name: "An ML job", type: "machine_learning", severity: "low", risk_score: 1 }),
      JSON.stringify({ rule_id: "esql-1", name: "ES|QL", type: "esql", language: "esql", query: "from logs-*", severity: "low", risk_score: 1 }),
      "{not json",
      JSON.stringify({ exported_count: 3 }),
    ].join("\n");
    const result = await importRuleFiles(db(), [
      { name: "kql.toml", text: kql },
      { name: "export.ndjson", text: ndjson },
    ]);
    expect(result).toMatchObject({ imported: 0, updated: 0 });
    expect(result.skipped).toEqual([
      { file: "kql.toml", rule_id: "kql-1", reason: "a query rule in kuery: Vigil runs EQL rules" },
      { file: "export.ndjson", rule_id: "ml-1", reason: "rule 'An ML job' is a machine_learning rule: Vigil runs EQL rules" },
      { file: "export.ndjson", rule_id: "esql-1", reason: "rule 'ES|QL' is an esql rule in esql: Vigil runs EQL rules" },
    ]);
    expect(result.errors).toEqual([{ file: "export.ndjson", line: 3, message: expect.stringMatching(/^invalid JSON/) }]);
  });

  it("stores a rule whose query does not compile as failed, with the engine's line:col, and never enables it", async () => {
    const toml = `[rule]\nrule_id = "broken-1"\nname = "Broken"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "eql"\nlanguage = "eql"\nquery = '''\nprocess where process.name == \n'''\n`;
    const result = await importRuleFiles(db(), [{ name: "broken.toml", text: toml }]);
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([{ file: "broken.toml", line: null, message: expect.stringMatching(/^rule broken-1: query does not compile: 1:\d+ /) }]);
    const row = await db().rule.findUniqueOrThrow({ where: { ruleId: "broken-1" } });
    expect(row.status).toBe("failed");
    await expect(updateRule(db(), row.id, { enabled: true })).rejects.toThrow(/does not compile/);
    expect(await bulkUpdateRules(db(), { action: "enable", ids: [row.id] })).toBe(0);
  });

  it("imports strictly on request: what Vigil lets through and Elasticsearch may not is stored as failed", async () => {
    const toml = (id: string) => `[rule]\nrule_id = "${id}"\nname = "Optional compare"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "eql"\nlanguage = "eql"\nquery = '''\nprocess where ?process.parent.name == ?process.name\n'''\n`;
    const lenient = await importRuleFiles(db(), [{ name: "optional.toml", text: toml("optional-1") }]);
    expect(lenient.errors).toEqual([]);
    const strict = await importRuleFiles(db(), [{ name: "optional.toml", text: toml("optional-2") }], [], undefined, { strict: true });
    expect(strict.errors).toEqual([{ file: "optional.toml", line: null, message: "rule optional-2: query does not compile: 1:15 comparing two fields is not supported: [?process.parent.name == ?process.name]" }]);
    expect((await db().rule.findUniqueOrThrow({ where: { ruleId: "optional-2" } })).status).toBe("failed");
  });

  it("enables by tag, and an enabled rule alerts at the next window while a disabled one does not", async () => {
    const linux = await db().rule.count({ where: { tags: { has: "OS: Linux" }, status: "ok", enabled: false } });
    const enabled = await bulkUpdateRules(db(), { action: "enable", filter: { tag: "OS: Linux" } });
    expect(enabled).toBe(linux);
    expect(enabled).toBeGreaterThan(300);
    const page = await listRules(db(), { tag: "OS: Linux", enabled: true, limit: 500 });
    expect(page.total).toBe(enabled + 1); // and the seed rule, enabled already

    const started = performance.now();
    await ship("logs-endpoint.events.process-default", [exec("proxychains")]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await alertsOf(PROXYCHAINS)).toBe(1);

    const row = await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } });
    await updateRule(db(), row.id, { enabled: false });
    await ship("logs-endpoint.events.process-default", [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(1);
    await updateRule(db(), row.id, { enabled: true });
  });

  it("applies a change another instance made (straight in the database) at the next window", async () => {
    await db().$executeRaw`UPDATE "rule" SET "enabled" = false WHERE "ruleId" = ${PROXYCHAINS}`;
    await ship("logs-endpoint.events.process-default", [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(1);
    await db().$executeRaw`UPDATE "rule" SET "enabled" = true WHERE "ruleId" = ${PROXYCHAINS}`;
    await ship("logs-endpoint.events.process-default", [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(2);
  });

  it("shows a rule only the events shipped to its index patterns; events that name no index reach every rule", async () => {
    await ship("some-unrelated-index", [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(2);
    await ship("auditbeat-8.17.0-2026.12.03", [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(3);
    await ship(null, [exec("proxychains")]);
    expect(await alertsOf(PROXYCHAINS)).toBe(4);
    const stored = await db().event.findMany({ where: { processName: "proxychains" }, select: { index: true }, orderBy: { timestamp: "asc" } });
    expect(stored.map((e) => e.index)).toContain("some-unrelated-index");
    expect(stored.map((e) => e.index)).toContain(null);
  });

  it("keeps a sequence in flight when the rules are swapped and its query did not change", async () => {
    // strace's sequence: sshd ends, then strace starts on the same host within 3 s.
    const sshdEnd = exec("sshd", { type: ["end"], action: "end" });
    await ship("logs-endpoint.events.process-default", [sshdEnd]);
    const other = await db().rule.findUniqueOrThrow({ where: { ruleId: PROXYCHAINS } });
    await updateRule(db(), other.id, { risk_score: 99 }); // a change: the detector is rebuilt
    await ship("logs-endpoint.events.process-default", [exec("strace")]);
    expect(await alertsOf(STRACE)).toBe(1);
    expect((await db().alert.findFirstOrThrow({ where: { ruleId: STRACE } })).ruleName).toBe("Potential SSH Password Grabbing via strace");
  });
});

describe("rule archives", () => {
  const toml = (id: string) => `[rule]\nrule_id = "${id}"\nname = "Rule ${id}"\ndescription = "x"\nseverity = "low"\nrisk_score = 1\ntype = "eql"\nlanguage = "eql"\nquery = 'process where process.name == "x"'\n`;

  it("reads .zip and .tar.gz archives, naming members by archive and path, and ignores other files", async () => {
    const zip = zipSync({ "rules/a.toml": new TextEncoder().encode(toml("zip-a")), "README.md": new TextEncoder().encode("hi") });
    const tar = pack();
    tar.entry({ name: "rules/b.toml" }, toml("tar-b"));
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const c of tar) chunks.push(c as Buffer);
    const { files, ignored } = await ruleFilesOfUploads([
      { name: "pack.zip", bytes: zip },
      { name: "pack.tar.gz", bytes: gzipSync(Buffer.concat(chunks)) },
    ]);
    expect(files.map((f) => f.name)).toEqual(["pack.zip!rules/a.toml", "pack.tar.gz!rules/b.toml"]);
    expect(ignored).toEqual(["pack.zip!README.md"]);
  });

  it("refuses an archive that inflates past the import limit before inflating it", async () => {
    const zip = zipSync({ "big.toml": new Uint8Array(70 * 1024 * 1024) }, { level: 9 });
    await expect(ruleFilesOfUploads([{ name: "bomb.zip", bytes: zip }])).rejects.toThrow(/bomb\.zip!big\.toml: the import exceeds 64 MB/);
    const gz = gzipSync(Buffer.alloc(70 * 1024 * 1024));
    await expect(ruleFilesOfUploads([{ name: "bomb.tar.gz", bytes: gz }])).rejects.toThrow(/bomb\.tar\.gz: not a readable gzip archive, or larger than 64 MB/);
  });
  it("stores a Kibana export's exception items on the rules that reference them: once, updated on re-import, analysts' switches kept, applied at ingest", async () => {
    const text = readFileSync("lib/rules/fixtures/kibana-export.ndjson", "utf8");
    const first = await importRuleFiles(db(), [{ name: "export.ndjson", text }], [], { id: null, name: "alice" });
    expect(first.exceptions).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const stored = await db().exceptionItem.findMany({ where: { ruleId: "kibana-shell-from-ssh" }, orderBy: { importedFrom: "asc" } });
    expect(stored.map((x) => x.importedFrom)).toEqual(["kibana:endpoint_list/a813960d-9c0b-4360-be30-b801c419b3a4", "kibana:vigil-fp-list/fp-bastion", "kibana:vigil-fp-list/fp-nested", "kibana:vigil-fp-list/fp-ops"]);
    expect(await db().exceptionAudit.count({ where: { exceptionId: { in: stored.map((x) => x.id) }, action: "created", actorName: "alice" } })).toBe(4);

    // The same export again: nothing added. An item changed in Kibana: updated, still disabled if an analyst disabled it.
    const bastion = stored.find((x) => x.importedFrom === "kibana:vigil-fp-list/fp-bastion")!;
    await db().exceptionItem.update({ where: { id: bastion.id }, data: { enabled: false } });
    expect((await importRuleFiles(db(), [{ name: "export.ndjson", text }])).exceptions).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const changed = text.replace('"value":"bastion-1"', '"value":"bastion-2"');
    expect(changed).not.toBe(text);
    expect((await importRuleFiles(db(), [{ name: "export.ndjson", text: changed }])).exceptions).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const after = await db().exceptionItem.findUniqueOrThrow({ where: { id: bastion.id } });
    expect(after).toMatchObject({ enabled: false, entries: [expect.objectContaining({ field: "host.name", values: ["bastion-2"] }), expect.anything()] });
    expect(await db().exceptionItem.count({ where: { ruleId: "kibana-shell-from-ssh" } })).toBe(4);

    // At ingest: the rule (enabled by the export) alerts for a shell from sshd, but not for one an imported item excepts.
    const rule = await db().rule.findUniqueOrThrow({ where: { ruleId: "kibana-shell-from-ssh" } });
    expect(rule.enabled).toBe(true);
    const shell = (host: string, user: string) => ({ ...exec("bash"), host: { name: host, id: host, os: { type: "linux" } }, user: { name: user }, process: { pid: 4000 + n, name: "bash", args: ["bash"], parent: { name: "sshd", pid: 1 } } });
    const index = "logs-endpoint.events.process-default";
    expect((await ship(index, [shell("web-1", "dev")])).alerts_created).toBe(1);
    const silenced = await ship(index, [shell("build-7", "ops")]);
    expect(silenced).toMatchObject({ alerts_created: 0, exceptions_applied: 1 });
  });
});
