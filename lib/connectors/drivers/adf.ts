/** Atlassian Document Format for Jira Cloud REST v3 descriptions and comments. */
import type { LoadedCase } from "../../cases/cases";
import { markdownBlocks, type AdfBlock, type AdfDoc, type AdfInline } from "./markdown-adf";

export type { AdfDoc } from "./markdown-adf";

type Marks = Extract<AdfInline, { type: "text" }>["marks"];

// ADF text nodes must not be empty; values that come from events are text, never markdown.
const text = (t: string, marks?: Marks): AdfInline => ({ type: "text", text: t === "" ? " " : t, ...(marks ? { marks } : {}) });
const para = (...content: AdfInline[]): AdfBlock => ({ type: "paragraph", content });
const heading = (t: string): AdfBlock => ({ type: "heading", attrs: { level: 3 }, content: [text(t)] });
const bullets = (items: AdfInline[][]): AdfBlock => ({ type: "bulletList", content: items.map((c) => ({ type: "listItem", content: [{ type: "paragraph", content: c }] })) });

/** The case as an issue description: its markdown description as real ADF, then alerts, observables, ATT&CK and the link back. */
export function caseToAdf(c: LoadedCase, link: string): AdfDoc {
  const description = c.description.trim() ? markdownBlocks(c.description) : [para(text("No description."))];
  const content: AdfBlock[] = [
    ...description,
    heading("Alerts"),
    bullets(c.alerts.map(({ alert: a }) => [text(`${a.ruleName} — ${a.userName ?? "?"}@${a.hostName ?? "?"} — `), text(a.commandLine ?? "", [{ type: "code" }])])),
    heading("Observables"),
    bullets(c.observables.map((o) => [text(`${o.type}: `, [{ type: "strong" }]), text(o.value, [{ type: "code" }])])),
    para(text("ATT&CK: "), text([...c.attack.tactics, ...c.attack.techniques].map((t) => `${t.id} ${t.name}`).join(", ") || "none")),
    para(text("Open in Vigil", [{ type: "link", attrs: { href: link } }])),
  ];
  return { version: 1, type: "doc", content: content.filter((b) => b.type !== "bulletList" || b.content.length > 0) };
}

/** A case comment as a Jira comment: who and when, then its markdown as ADF. */
export function commentToAdf(author: string, at: string, body: string): AdfDoc {
  return { version: 1, type: "doc", content: [para(text(`${author} (${at}):`, [{ type: "strong" }])), ...markdownBlocks(body)] };
}
