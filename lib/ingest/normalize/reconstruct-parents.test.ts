/** auditd events: parents rebuilt from Vigil's process table before detection, marked on the alert. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { eventDocuments } from "../../events/event-documents";
import { createTestDatabase } from "../../db/test-database";
import { ingestEvents } from "../ingest-events";

const at = (s: number) => new Date(Date.parse("2026-11-28T10:00:00Z") + s * 1000).toISOString();
const auditd = (id: string, s: number, host: string, pid: number, ppid: number, name: string, args: string[], executable: string) => ({
  "@timestamp": at(s),
  agent: { type: "auditbeat" },
  event: { id, category: ["process"], type: ["start"], action: "executed", module: "auditd" },
  host: { name: host, os: { type: "linux" } },
  user: { name: "mallory" },
  process: { pid, name, executable, args, parent: { pid: ppid } },
});

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
});

describe("parent reconstruction for auditd sources", () => {
  it("fills the parent from the same batch, alerts, and marks what was filled; the stored event stays as sent", async () => {
    const shell = auditd("sh-1", 0, "node-a", 500, 1, "bash", ["-bash"], "/bin/bash");
    const kubectl = auditd("k-1", 1, "node-a", 501, 500, "kubectl", ["kubectl", "--as=admin"], "/usr/bin/kubectl");
    const r = await ingestEvents([shell, kubectl].map((doc, index) => ({ index, doc })), []);
    expect(r).toMatchObject({ accepted: 2, alerts_created: 1 });
    const alert = await db().alert.findFirstOrThrow({ where: { hostName: "node-a" } });
    expect(alert.reconstructed).toEqual(["process.parent.name", "process.parent.executable"]);
    expect(alert.eventIds).toEqual(["k-1"]);
    const stored = await db().event.findUniqueOrThrow({ where: { id: "k-1" } });
    expect((await eventDocuments([stored])).get("k-1")?.doc).toEqual(kubectl);
  });

  it("fills the parent from stored events of an earlier request, and not across hosts or from later processes", async () => {
    await ingestEvents([{ index: 0, doc: auditd("sh-2", 10, "node-b", 600, 1, "zsh", ["-zsh"], "/bin/zsh") }], []);
    const later = await ingestEvents([{ index: 0, doc: auditd("k-2", 11, "node-b", 601, 600, "kubectl", ["kubectl", "--token=x"], "/usr/bin/kubectl") }], []);
    expect(later.alerts_created).toBe(1);
    // Same pid on another host, and a parent that started after the child: no reconstruction, no alert.
    await ingestEvents([{ index: 0, doc: auditd("sh-3", 30, "node-c", 700, 1, "bash", ["-bash"], "/bin/bash") }], []);
    const none = await ingestEvents(
      [auditd("k-3", 20, "node-c", 701, 700, "kubectl", ["kubectl", "--as=x"], "/usr/bin/kubectl"), auditd("k-4", 21, "node-d", 801, 600, "kubectl", ["kubectl", "--as=x"], "/usr/bin/kubectl")].map((doc, index) => ({ index, doc })),
      [],
    );
    expect(none.alerts_created).toBe(0);
  });

  it("keeps the bulk _id as the alert's event id", async () => {
    const shell = auditd("ignored-1", 40, "node-e", 900, 1, "sh", ["sh"], "/bin/sh");
    const kubectl = auditd("ignored-2", 41, "node-e", 901, 900, "kubectl", ["kubectl", "--as=x"], "/usr/bin/kubectl");
    await ingestEvents([{ index: 0, doc: shell, id: "bulk-1" }, { index: 1, doc: kubectl, id: "bulk-2" }], []);
    expect((await db().alert.findFirstOrThrow({ where: { hostName: "node-e" } })).eventIds).toEqual(["bulk-2"]);
  });
});
