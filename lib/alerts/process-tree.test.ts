import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../db/test-database";
import { ingestEvents } from "../ingest/ingest-events";
import { processTree, type TreeNode } from "./process-tree";

const at = (s: number) => new Date(Date.parse("2026-11-28T10:00:00Z") + s * 1000).toISOString();
const proc = (id: string, s: number, p: Record<string, unknown>, host = "node-1") => ({
  "@timestamp": at(s),
  event: { id, category: ["process"], type: ["start"], action: "exec" },
  host: { name: host, os: { type: "linux" } },
  user: { name: "mallory" },
  process: p,
});

const names = (n: TreeNode): unknown => ({ name: n.name, me: n.highlighted || undefined, by: n.linkedBy ?? undefined, children: n.children.map(names) });

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  const events = [
    // Elastic Defend style: entity ids link parent and child.
    proc("sshd", 0, { pid: 10, entity_id: "E-sshd", name: "sshd", args: ["sshd"] }),
    proc("bash", 1, { pid: 11, entity_id: "E-bash", name: "bash", args: ["-bash"], parent: { pid: 10, entity_id: "E-sshd" } }),
    proc("kubectl", 2, { pid: 12, entity_id: "E-kubectl", name: "kubectl", args: ["kubectl", "--as=admin"], parent: { pid: 11, entity_id: "E-bash", name: "bash" } }),
    proc("sibling", 3, { pid: 13, entity_id: "E-ls", name: "ls", args: ["ls"], parent: { pid: 11, entity_id: "E-bash", name: "bash" } }),
    proc("child", 4, { pid: 14, entity_id: "E-curl", name: "curl", args: ["curl", "x"], parent: { pid: 12, entity_id: "E-kubectl" } }),
    // auditd style: no entity ids, linked by host + pid + time; an older process reused pid 20.
    proc("old-20", 5, { pid: 20, name: "cron", args: ["cron"] }, "node-2"),
    proc("a-shell", 50, { pid: 20, name: "sh", args: ["sh"], parent: { pid: 1 } }, "node-2"),
    proc("a-kubectl", 51, { pid: 21, name: "kubectl", args: ["kubectl", "--token=x"], parent: { pid: 20 } }, "node-2"),
    proc("other-host", 52, { pid: 22, name: "vim", args: ["vim"], parent: { pid: 21 } }, "node-3"),
  ];
  await ingestEvents(events.map((doc, index) => ({ index, doc })), []);
});

describe("the process tree", () => {
  it("follows entity ids: ancestors, the alert's process with its children, and its siblings", async () => {
    const tree = await processTree("kubectl");
    expect(names(tree!)).toEqual({
      name: "sshd",
      children: [{ name: "bash", by: "entity_id", children: [{ name: "kubectl", me: true, by: "entity_id", children: [{ name: "curl", by: "entity_id", children: [] }] }, { name: "ls", by: "entity_id", children: [] }] }],
    });
  });

  it("rebuilds auditd trees from host, pid and time, taking the latest process with the parent's pid", async () => {
    const tree = await processTree("a-kubectl");
    expect(names(tree!)).toEqual({ name: "sh", children: [{ name: "kubectl", me: true, by: "pid", children: [] }] });
  });

  it("is empty for an unknown event", async () => {
    expect(await processTree("nope")).toBeNull();
  });
});
