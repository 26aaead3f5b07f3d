/** Atlassian Document Format for Jira Cloud REST v3 descriptions and comments. */
import type { LoadedCase } from "../../cases/cases";

type Inline = { type: "text"; text: string; marks?: ({ type: "code" } | { type: "strong" } | { type: "link"; attrs: { href: string } })[] };
type Block =
  | { type: "paragraph"; content: Inline[] }
  | { type: "heading"; attrs: { level: number }; content: Inline[] }
  | { type: "bulletList"; content: { type: "listItem"; content: { type: "paragraph"; content: Inline[] }[] }[] };
export interface AdfDoc {
  version: 1;
  type: "doc";
  content: Block[];
}

// ADF text nodes must not be empty.
const text = (t: string, marks?: Inline["marks"]): Inline => ({ type: "text", text: t === "" ? " " : t, ...(marks ? { marks } : {}) });
const para = (...content: Inline[]): Block => ({ type: "paragraph", content });
const heading = (t: string): Block => ({ type: "heading", attrs: { level: 3 }, content: [text(t)] });
const bullets = (items: Inline[][]): Block => ({ type: "bulletList", content: items.map((c) => ({ type: "listItem", content: [{ type: "paragraph", content: c }] })) });

export function caseToAdf(c: LoadedCase, link: string): AdfDoc {
  const content: Block[] = [
    para(text(c.description || "No description.")),
    heading("Alerts"),
    bullets(
      c.alerts.map(({ alert: a }) => [text(`${a.ruleName} — ${a.userName ?? "?"}@${a.hostName ?? "?"} — `), text(a.commandLine ?? "", [{ type: "code" }])]),
    ),
    heading("Observables"),
    bullets(c.observables.map((o) => [text(`${o.type}: `, [{ type: "strong" }]), text(o.value, [{ type: "code" }])])),
    para(text("ATT&CK: "), text([...c.attack.tactics, ...c.attack.techniques].map((t) => `${t.id} ${t.name}`).join(", "))),
    para(text("Open in Vigil", [{ type: "link", attrs: { href: link } }])),
  ];
  return { version: 1, type: "doc", content: content.filter((b) => b.type !== "bulletList" || b.content.length > 0) };
}

export function textToAdf(t: string): AdfDoc {
  return { version: 1, type: "doc", content: t.split(/\n{2,}/).map((p) => para(text(p))) };
}
