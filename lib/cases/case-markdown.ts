/**
 * The case as Markdown, for tickets, reports and the webhook's `{{case.markdown}}`. Built as a
 * Markdown syntax tree and serialised by mdast-util-to-markdown, so everything taken from events —
 * host and user names, command lines, rule names, observables, the title — is text that the
 * serialiser escapes: an ingested host name such as `# [click](http://x)` stays those characters,
 * never a heading or a link. Descriptions and comments are the analysts' own Markdown, kept as
 * Markdown without raw HTML.
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toMarkdown } from "mdast-util-to-markdown";
import type { LoadedCase } from "./cases";

const text = (value: string): PhrasingContent => ({ type: "text", value: value.replace(/[\r\n]+/g, " ") });
const code = (value: string): PhrasingContent => ({ type: "inlineCode", value: value.replace(/[\r\n]+/g, " ") });
const heading = (depth: 1 | 2, value: string): RootContent => ({ type: "heading", depth, children: [text(value)] });
const item = (...children: PhrasingContent[]): ListItem => ({ type: "listItem", spread: false, children: [{ type: "paragraph", children }] });
const list = (items: ListItem[], empty: string): RootContent =>
  items.length ? ({ type: "list", ordered: false, spread: false, children: items } satisfies List) : { type: "paragraph", children: [{ type: "emphasis", children: [text(empty)] }] };

/** An analyst's Markdown, with raw HTML turned into text. */
function authored(markdown: string): RootContent[] {
  const tree = fromMarkdown(markdown);
  const inert = (nodes: RootContent[]): RootContent[] =>
    nodes.map((n) => (n.type === "html" ? ({ type: "paragraph", children: [text(n.value)] } as RootContent) : "children" in n ? ({ ...n, children: inert(n.children as RootContent[]) } as RootContent) : n));
  return inert(tree.children);
}

export function caseMarkdown(c: LoadedCase, link: string): string {
  const children: RootContent[] = [
    heading(1, c.title),
    list(
      [
        item(text(`Severity: ${c.severity}`)),
        item(text(`Status: ${c.status}`)),
        item(text(`Assignee: ${c.assignee?.username ?? "none"}`)),
        item(text(`Tags: ${c.tags.join(", ") || "none"}`)),
        item(text("Link: "), { type: "link", url: link, children: [text(link)] }),
      ],
      "",
    ),
    ...(c.description ? authored(c.description) : [{ type: "paragraph", children: [{ type: "emphasis", children: [text("No description.")] }] } as RootContent]),
    heading(2, "Alerts"),
    list(
      c.alerts.map(({ alert: a }) => item(text(`${a.eventTimestamp.toISOString()} — ${a.ruleName} (${a.severity}, risk ${a.riskScore}) — ${a.userName ?? "?"}@${a.hostName ?? "?"} — `), code(a.commandLine ?? ""))),
      "None.",
    ),
    heading(2, "Observables"),
    list(
      c.observables.map((o) => item(text(`${o.type}: `), code(o.value))),
      "None.",
    ),
    heading(2, "MITRE ATT&CK"),
    list([...c.attack.tactics.map((t) => item(text(`Tactic ${t.id} ${t.name}`))), ...c.attack.techniques.map((t) => item(text(`Technique ${t.id} ${t.name}`)))], "None."),
    heading(2, "Comments"),
    ...(c.comments.length ? c.comments.flatMap((m) => [{ type: "paragraph", children: [{ type: "strong", children: [text(`${m.createdAt.toISOString()} ${m.author}`)] }] } as RootContent, ...authored(m.body)]) : [list([], "None.")]),
  ];
  return toMarkdown({ type: "root", children } satisfies Root, { bullet: "-", rule: "-" });
}
