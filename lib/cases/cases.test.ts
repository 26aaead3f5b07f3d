import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestDatabase } from "../db/test-database";
import { ingestEvents } from "../ingest/ingest-events";
import { addAlertsToCase, addComment, createCase, loadCase, updateCase } from "./cases";
import { caseCsv, caseJson, caseMarkdown, csvCell } from "./export-case";

let n = 0;
const kubectl = (user: string, host: string, extra: Record<string, unknown> = {}) => ({
  "@timestamp": new Date(Date.now() - 1000 * ++n).toISOString(),
  event: { id: `c-${n}`, category: ["process"], type: ["start"], action: "exec" },
  host: { name: host, os: { type: "linux" }, ip: ["10.0.0.5"] },
  user: { name: user },
  process: { name: "kubectl", executable: "/usr/local/bin/kubectl", args: ["kubectl", "--as=admin", "get", "secrets"], parent: { name: "bash", executable: "/bin/bash" }, hash: { sha256: "ab".repeat(32) } },
  ...extra,
});

let alertIds: string[] = [];
beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  await ingestEvents([kubectl("mallory", "node-1"), kubectl("=HYPERLINK(1)", "node-2"), kubectl("bob", "node-3")].map((doc, index) => ({ index, doc })), []);
  alertIds = (await db().alert.findMany({ orderBy: { eventTimestamp: "asc" } })).map((a) => a.id);
});

describe("cases", () => {
  it("start from alerts with observables, ATT&CK and a timeline; take more alerts and comments", async () => {
    const c = await createCase({ alertIds: alertIds.slice(0, 2), description: "Two impersonations", tags: ["k8s"] }, "alice");
    expect(c.title).toMatch(/^Potential Impersonation Attempt via Kubectl on node-\d \(\+1 alerts\)$/);
    expect(c.severity).toBe("low");
    expect(await addAlertsToCase(c.id, alertIds.slice(1), "alice")).toBe(1);
    await addComment(c.id, "Revoked the tokens.", "bob");
    await updateCase(c.id, { status: "in_progress", assignee: null }, "alice");
    const loaded = (await loadCase(c.id))!;
    expect(loaded.alerts).toHaveLength(3);
    const obs = loaded.observables.map((o) => `${o.type}:${o.value}`);
    expect(obs).toEqual(
      expect.arrayContaining(["user:mallory", "user:bob", "host:node-1", "executable:/usr/local/bin/kubectl", "args:kubectl --as=admin get secrets", "parent:/bin/bash", "ip:10.0.0.5", `hash:${"ab".repeat(32)}`]),
    );
    expect(loaded.attack.tactics.map((t) => t.id)).toEqual(["TA0005", "TA0006"]);
    expect(loaded.attack.techniques.map((t) => t.id)).toEqual(["T1550", "T1550.001", "T1078", "T1552", "T1528"]);
    expect(loaded.timeline.map((t) => t.action)).toEqual(["created", "alerts_added", "alerts_added", "commented", "updated"]);
    expect(loaded.status).toBe("in_progress");
  });

  it("export as Markdown, JSON and CSV, with spreadsheet formulas defused", async () => {
    const c = await createCase({ alertIds, description: "", tags: [] }, "alice");
    const loaded = (await loadCase(c.id))!;
    const md = caseMarkdown(loaded, "http://vigil/cases/x");
    expect(md).toContain("## Alerts");
    expect(md).toContain("- user: `mallory`");
    expect(md).toContain("- Technique T1550.001 Application Access Token");
    expect(caseJson(loaded).alerts).toHaveLength(3);
    const csv = caseCsv(loaded);
    expect(csv.split("\r\n")[0]).toBe('"kind","time","rule_or_type","severity","host","user","value"');
    expect(csv).toContain(`"'=HYPERLINK(1)"`);
    expect(csv).not.toMatch(/,"=HYPERLINK/);
  });

  it("export event-controlled text inert: host and user names never become Markdown, no CSV cell becomes a formula (finding 11)", async () => {
    const hostile = { host: "# [click](http://evil.example)", user: "*bold* <img src=x onerror=alert(1)>\n## injected" };
    const stored = await ingestEvents([{ index: 0, doc: kubectl(hostile.user, hostile.host, { event: { id: "c-hostile", category: ["process"], type: ["start"], action: "exec" } }) }], []);
    expect(stored, JSON.stringify(stored.errors)).toMatchObject({ accepted: 1, alerts_created: 1 });
    const alert = await db().alert.findFirstOrThrow({ where: { hostName: hostile.host } });
    const c = await createCase({ alertIds: [alert.id], description: "Looks **odd**", tags: [] }, "alice");
    const md = caseMarkdown((await loadCase(c.id))!, "http://vigil/cases/x");
    // Read back as Markdown: no heading, link, image, emphasis or HTML from the event's fields.
    const { fromMarkdown } = await import("mdast-util-from-markdown");
    const kinds = new Set<string>();
    const texts: string[] = [];
    const links: string[] = [];
    const emphasised: string[] = [];
    type Node = { type: string; value?: string; url?: string; children?: Node[] };
    const walk = (n: Node) => {
      kinds.add(n.type);
      if (n.type === "text" && n.value) texts.push(n.value);
      if (n.type === "link" || n.type === "image") links.push(n.url!);
      if (n.type === "emphasis") emphasised.push(n.children!.map((x) => x.value).join(""));
      for (const child of n.children ?? []) walk(child);
    };
    walk(fromMarkdown(md) as never);
    const headings = md.split("\n").filter((l) => l.startsWith("#"));
    expect(headings.every((h) => /^#{1,2} (Potential|Alerts|Observables|MITRE|Comments)/.test(h)), headings.join(" | ")).toBe(true);
    expect([...kinds].filter((k) => ["image", "html"].includes(k))).toEqual([]);
    expect(links).toEqual(["http://vigil/cases/x"]);
    expect(emphasised.every((e) => e === "None.")).toBe(true);
    expect(texts.join("")).toContain(`${hostile.user.replace("\n", " ")}@${hostile.host}`);
    expect(kinds.has("strong")).toBe(true); // the analyst's own Markdown is kept

    for (const [cell, defused] of [
      ["=1+1", true],
      ["  =1+1", true],
      ["\t=1+1", true],
      ["\r=1+1", true],
      ["\t1", true],
      ["-2", true],
      ["@SUM(A1)", true],
      ["node-1", false],
      ["a=b", false],
    ] as const) {
      expect(csvCell(cell).startsWith(`"'`), JSON.stringify(cell)).toBe(defused);
    }
  });

  it("refuse unknown alerts and users with a message naming them", async () => {
    await expect(createCase({ alertIds: ["00000000-0000-4000-8000-000000000000"], description: "", tags: [] }, "a")).rejects.toThrow(/alertIds/);
    const c = await createCase({ alertIds: [alertIds[0]], description: "", tags: [] }, "a");
    await expect(updateCase(c.id, { assignee: "ghost" }, "a")).rejects.toThrow(/no user 'ghost'/);
  });
});
