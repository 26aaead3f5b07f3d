/**
 * The five data sources, from fixtures in each source's documented shape (see fixtures/README.md):
 * the normalizer the index picks, the ECS fields the rule and the process tree read, and — sent
 * through the bulk API as shippers send them — one kubectl impersonation alert each, with its tree.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../../api-keys/api-keys";
import { processTree, type TreeNode } from "../../../alerts/process-tree";
import { db } from "../../../db/client";
import { DOCUMENT_REF, eventDocuments } from "../../../events/event-documents";
import { createTestDatabase } from "../../../db/test-database";
import { normalizeSource, sourceOf } from ".";

type Fixture = { index: string; doc: Record<string, unknown> };
const fixtures = (file: string): Fixture[] =>
  readFileSync(path.join(__dirname, "fixtures", file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

const FILES = ["elastic-defend.ndjson", "auditbeat.ndjson", "auditbeat-system.ndjson", "auditd-manager.ndjson", "endgame.ndjson", "sentinel-one.ndjson"];

const normalized = (f: Fixture) => normalizeSource(sourceOf(f.index, f.doc), f.doc) as Record<string, Record<string, unknown> & { parent?: Record<string, unknown> }>;

describe("the index picks the normalizer", () => {
  it("maps each of the rule's index patterns to its source, and falls back to the document's own markers", () => {
    expect(FILES.flatMap(fixtures).map((f) => `${f.index} → ${sourceOf(f.index, f.doc)}`)).toEqual([
      "logs-endpoint.events.process-default → elastic_defend",
      "logs-endpoint.events.process-default → elastic_defend",
      "auditbeat-8.15.0 → auditbeat",
      "auditbeat-8.15.0 → auditbeat",
      "auditbeat-7.17.22-2026.11.28 → auditbeat",
      "auditbeat-7.17.22-2026.11.28 → auditbeat",
      "auditbeat-8.15.0 → auditbeat",
      "auditbeat-8.15.0 → auditbeat",
      "logs-auditd_manager.auditd-default → auditd_manager",
      "logs-auditd_manager.auditd-default → auditd_manager",
      "endgame-3.60.0-000001 → endgame",
      "endgame-3.60.0-000001 → endgame",
      "logs-sentinel_one_cloud_funnel.event-default → sentinel_one",
      "logs-sentinel_one_cloud_funnel.event-default → sentinel_one",
    ]);
    const s1 = fixtures("sentinel-one.ndjson")[0].doc;
    expect(sourceOf("some-other-index", s1)).toBe("sentinel_one");
    expect(sourceOf(null, fixtures("endgame.ndjson")[0].doc)).toBe("endgame");
    expect(sourceOf(null, { "@timestamp": "2026-11-28T10:00:00Z" })).toBe("ecs");
  });
});

describe("normalized fields", () => {
  it("leaves Elastic Defend documents as they are (already what the rules read)", () => {
    const [, kubectl] = fixtures("elastic-defend.ndjson");
    expect(normalized(kubectl)).toBe(kubectl.doc);
  });

  it("Auditbeat: 8.x documents unchanged; 7.x process.ppid moved to process.parent.pid and host.os.type set", () => {
    const [, kubectl8, , kubectl7] = fixtures("auditbeat.ndjson");
    expect(normalized(kubectl8)).toBe(kubectl8.doc);
    const e = normalized(kubectl7);
    expect(e.process.parent).toEqual({ pid: 3310 });
    expect((e.host.os as Record<string, unknown>).type).toBe("linux");
    expect(e.process.args).toEqual(["kubectl", "--token=eyJhbGciOiJSUzI1NiJ9.x.y", "auth", "can-i", "--list"]);
    // The document as received is untouched.
    expect((kubectl7.doc.process as Record<string, unknown>).parent).toBeUndefined();
  });

  it("Endgame: entity ids from unique pids (scoped to the host), OS type from the platform", () => {
    const e = normalized(fixtures("endgame.ndjson")[1]);
    expect(e.process.entity_id).toBe("endgame:5c4b3a29-1807-4f6e-9d8c-7b6a5f4e3d2c:90224");
    expect(e.process.parent).toMatchObject({ pid: 1402, name: "bash", entity_id: "endgame:5c4b3a29-1807-4f6e-9d8c-7b6a5f4e3d2c:90211" });
    expect(e.process.command_line).toBe("kubectl --as=admin --as-group=system:masters delete pod api-0");
    expect((e.host.os as Record<string, unknown>).type).toBe("linux");
  });

  it("SentinelOne Cloud Funnel: the record in `message` mapped as the integration does (target process, source as parent)", () => {
    const e = normalized(fixtures("sentinel-one.ndjson")[1]);
    expect(e["@timestamp"]).toBe("2026-11-28T10:06:02.000Z");
    expect(e.event).toMatchObject({ id: "01JDP3K4Y2V6M8N0Q1R2S3T4U5_13", category: ["process"], type: ["start"], action: "start", module: "sentinel_one_cloud_funnel" });
    expect(e.host).toMatchObject({ name: "k8s-node-05", os: { type: "linux" } });
    expect(e.process).toMatchObject({
      name: "kubectl",
      pid: 31009,
      entity_id: "C9D8E7F6A5B43021",
      executable: "/usr/local/bin/kubectl",
      args: ["kubectl", "--kubeconfig", "/home/mallory/.kube/stolen", "--as", "cluster-admin", "get", "secrets", "-n", "kube-system"],
      parent: { name: "sh", pid: 31001, entity_id: "B7C6D5E4F3A29180", executable: "/usr/bin/dash" },
    });
    expect(e.user).toEqual({ name: "mallory" });
    // The line is not carried twice (the document as received is kept beside this one).
    expect(e.message).toBeUndefined();
    expect(e.event.original).toBeUndefined();
    expect(Object.keys(e)).not.toContain("message");
    expect(e.sentinel_one_cloud_funnel).toMatchObject({ event: { "tgt.process.name": "kubectl" } });
  });

  it("refuses a SentinelOne document whose message is not a record, naming the field", () => {
    expect(() => normalizeSource("sentinel_one", { "@timestamp": "2026-11-28T10:00:00Z", message: "not json" })).toThrow(/^message: /);
  });
});

describe("the five sources through the bulk API", () => {
  let bulk: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let auth: string;

  beforeAll(async () => {
    process.env.DATABASE_URL = await createTestDatabase();
    process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
    bulk = (await import("../../../../app/es/%5Fbulk/route")).POST as typeof bulk;
    const { id, key } = await createApiKey({ name: "shippers", scopes: ["ingest"] });
    auth = `ApiKey ${Buffer.from(`${id}:${key}`).toString("base64")}`;
    for (const file of FILES) {
      const body = fixtures(file).map((f) => `${JSON.stringify({ create: { _index: f.index } })}\n${JSON.stringify(f.doc)}\n`).join("");
      const res = await bulk(new Request("http://test/es/_bulk", { method: "POST", headers: { authorization: auth, "content-type": "application/x-ndjson" }, body }), { params: Promise.resolve({}) });
      const out = await res.json();
      expect(out.errors, JSON.stringify(out.items)).toBe(false);
    }
  });

  it("stores every event with its source, keeping the document as received where normalizing changed it", async () => {
    const rows = await db().event.findMany({ select: { ...DOCUMENT_REF, processName: true }, orderBy: { timestamp: "asc" } });
    const docs = await eventDocuments(rows);
    expect(rows.map((r) => `${r.source}:${r.processName}:${docs.get(r.id)!.original === null ? "as received" : "original kept"}`)).toEqual([
      "elastic_defend:bash:as received",
      "elastic_defend:kubectl:as received",
      "auditbeat:bash:as received",
      "auditbeat:kubectl:as received",
      "auditbeat:zsh:original kept",
      "auditbeat:kubectl:original kept",
      "auditbeat:sh:as received",
      "auditbeat:kubectl:as received",
      "auditd_manager:run.sh:as received",
      "auditd_manager:kubectl:as received",
      "endgame:bash:original kept",
      "endgame:kubectl:original kept",
      "sentinel_one:sh:original kept",
      "sentinel_one:kubectl:original kept",
    ]);
    const s1 = docs.get("01JDP3K4Y2V6M8N0Q1R2S3T4U5_13")!;
    expect(typeof s1.original!.message).toBe("string");
    expect(s1.doc.process).toMatchObject({ name: "kubectl" });
  });

  it("raises one kubectl impersonation alert per source; auditd ones say which parent fields were rebuilt", async () => {
    const alerts = await db().alert.findMany({ orderBy: { eventTimestamp: "asc" }, select: { hostName: true, processName: true, reconstructed: true } });
    expect(alerts.map((a) => `${a.hostName} ${a.processName} [${a.reconstructed.join(", ")}]`)).toEqual([
      "k8s-node-01 kubectl []",
      "k8s-node-02 kubectl [process.parent.name, process.parent.executable]",
      "build-runner-7 kubectl [process.parent.name, process.parent.executable]",
      "infra-03 kubectl [process.parent.name, process.parent.executable, process.parent.entity_id]",
      "k8s-node-04 kubectl [process.parent.name, process.parent.executable]",
      "legacy-bastion kubectl []",
      "k8s-node-05 kubectl []",
    ]);
  });

  it("shows each alert's process under its shell in the process tree", async () => {
    const alerts = await db().alert.findMany({ orderBy: { eventTimestamp: "asc" } });
    const path = (n: TreeNode | null, out: string[] = []): string[] => {
      if (!n) return out;
      out.push(`${n.name}${n.highlighted ? "*" : ""}`);
      const next = n.children.find((c) => c.highlighted || JSON.stringify(c).includes('"highlighted":true'));
      return path(next ?? null, out);
    };
    const trees = await Promise.all(alerts.map(async (a) => path(await processTree(a.eventIds[0])).join(" > ")));
    expect(trees).toEqual(["bash > kubectl*", "bash > kubectl*", "zsh > kubectl*", "sh > kubectl*", "run.sh > kubectl*", "bash > kubectl*", "sh > kubectl*"]);
  });
});

describe("normalizers' copies of a document", () => {
  it("keep a `__proto__` key as data, never as the copy's prototype, and leave the document as received", () => {
    const doc = JSON.parse(
      '{"@timestamp":"2026-11-28T10:00:00Z","__proto__":{"process":{"parent":{"name":"sshd"}}},"message":"{\\"event.category\\":\\"process\\",\\"tgt.process.name\\":\\"kubectl\\",\\"tgt.process.pid\\":7}","event":{"dataset":"sentinel_one_cloud_funnel.event"}}',
    ) as Record<string, unknown>;
    const before = JSON.stringify(doc);
    const e = normalizeSource("sentinel_one", doc) as Record<string, unknown> & { process: Record<string, unknown> };
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.keys(e)).toContain("__proto__");
    expect(e.process).toEqual({ name: "kubectl", pid: 7 });
    expect(e.process.parent).toBeUndefined();
    expect("message" in e).toBe(false);
    expect(JSON.stringify(doc)).toBe(before);

    const eg = JSON.parse('{"__proto__":{"user":{"name":"root"}},"host":{"name":"h"},"endgame":{"pid":5,"process_name":"ls"}}') as Record<string, unknown>;
    const filled = normalizeSource("endgame", eg) as Record<string, unknown> & { process: Record<string, unknown> };
    expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
    expect(filled.user).toBeUndefined();
    expect(filled.process).toEqual({ pid: 5, name: "ls" });
  });
});
