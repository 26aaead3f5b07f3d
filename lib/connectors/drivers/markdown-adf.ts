/**
 * Markdown (case descriptions, comments, the case summary) as Atlassian Document Format nodes, so
 * that Jira shows headings, lists, tables and code as such instead of literal `## …` and `**…**`.
 * Parsed by mdast (with GFM: tables, strikethrough, autolinks), then mapped node by node onto what
 * ADF's schema allows (@atlaskit/adf-schema; the tests validate every body against it). Raw HTML
 * becomes literal text; links keep only http(s) and mailto targets.
 */
import type { Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";

type Mark = { type: "strong" } | { type: "em" } | { type: "strike" } | { type: "code" } | { type: "link"; attrs: { href: string } };
export type AdfInline = { type: "text"; text: string; marks?: Mark[] } | { type: "hardBreak" };
export type AdfBlock =
  | { type: "paragraph"; content: AdfInline[] }
  | { type: "heading"; attrs: { level: number }; content: AdfInline[] }
  | { type: "bulletList"; content: AdfListItem[] }
  | { type: "orderedList"; attrs?: { order: number }; content: AdfListItem[] }
  | { type: "codeBlock"; attrs?: { language: string }; content?: { type: "text"; text: string }[] }
  | { type: "blockquote"; content: AdfBlock[] }
  | { type: "rule" }
  | { type: "table"; content: { type: "tableRow"; content: { type: "tableHeader" | "tableCell"; content: AdfBlock[] }[] }[] };
export type AdfListItem = { type: "listItem"; content: AdfBlock[] };
export interface AdfDoc {
  version: 1;
  type: "doc";
  content: AdfBlock[];
}

const SAFE_LINK = /^(https?:|mailto:)/i;

export function markdownToAdf(markdown: string): AdfDoc {
  return { version: 1, type: "doc", content: markdownBlocks(markdown) };
}

/** The blocks of a markdown text, to put into a larger document. */
export function markdownBlocks(markdown: string): AdfBlock[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return blocks(tree.children);
}

/** A paragraph of plain text (never parsed as markdown): for values such as host names and command lines. */
export const textParagraph = (text: string, marks?: Mark[]): AdfBlock => ({ type: "paragraph", content: text ? [{ type: "text", text, ...(marks ? { marks } : {}) }] : [] });

function blocks(nodes: RootContent[]): AdfBlock[] {
  return nodes.flatMap((n) => block(n));
}

function block(n: RootContent): AdfBlock[] {
  switch (n.type) {
    case "paragraph":
      return [{ type: "paragraph", content: inlines(n.children, []) }];
    case "heading":
      return [{ type: "heading", attrs: { level: Math.min(6, Math.max(1, n.depth)) }, content: inlines(n.children, []) }];
    case "list": {
      const items: AdfListItem[] = n.children.map((item) => {
        const content = blocks(item.children).filter((b) => b.type === "paragraph" || b.type === "bulletList" || b.type === "orderedList" || b.type === "codeBlock");
        // A list item starts with a paragraph (an empty one when it has none).
        if (content[0]?.type !== "paragraph" && content[0]?.type !== "codeBlock") content.unshift({ type: "paragraph", content: [] });
        return { type: "listItem", content };
      });
      if (items.length === 0) return [];
      return [n.ordered ? { type: "orderedList", ...(n.start && n.start !== 1 ? { attrs: { order: n.start } } : {}), content: items } : { type: "bulletList", content: items }];
    }
    case "code":
      return [{ type: "codeBlock", ...(n.lang ? { attrs: { language: n.lang } } : {}), ...(n.value ? { content: [{ type: "text", text: n.value }] } : {}) }];
    case "blockquote": {
      // A quote holds paragraphs, lists and code; a heading inside one becomes a bold paragraph.
      const inner = blocks(n.children).map((b): AdfBlock => (b.type === "heading" ? { type: "paragraph", content: b.content.map((i) => (i.type === "text" ? { ...i, marks: [...(i.marks ?? []).filter((m) => m.type !== "code"), { type: "strong" }] } : i)) } : b));
      const allowed = inner.filter((b) => b.type === "paragraph" || b.type === "bulletList" || b.type === "orderedList" || b.type === "codeBlock");
      return allowed.length ? [{ type: "blockquote", content: allowed }] : [];
    }
    case "thematicBreak":
      return [{ type: "rule" }];
    case "table": {
      const rows = n.children.map((row, r) => ({
        type: "tableRow" as const,
        content: row.children.map((cell) => ({ type: r === 0 ? ("tableHeader" as const) : ("tableCell" as const), content: [{ type: "paragraph" as const, content: inlines(cell.children, []) }] })),
      }));
      return rows.length ? [{ type: "table", content: rows }] : [];
    }
    case "html":
      return [textParagraph(n.value)];
    default:
      // Definitions, footnotes and the like: their text, as a paragraph.
      return "children" in n || "value" in n ? [textParagraph(toString(n as Nodes))].filter((b) => b.type !== "paragraph" || b.content.length) : [];
  }
}

function inlines(nodes: PhrasingContent[], marks: Mark[]): AdfInline[] {
  const out: AdfInline[] = [];
  const text = (t: string, m: Mark[]) => {
    if (t) out.push(m.length ? { type: "text", text: t, marks: m } : { type: "text", text: t });
  };
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        text(n.value, marks);
        break;
      case "strong":
        out.push(...inlines(n.children, withMark(marks, { type: "strong" })));
        break;
      case "emphasis":
        out.push(...inlines(n.children, withMark(marks, { type: "em" })));
        break;
      case "delete":
        out.push(...inlines(n.children, withMark(marks, { type: "strike" })));
        break;
      case "inlineCode":
        // ADF's code mark goes only with a link.
        text(n.value, [...marks.filter((m) => m.type === "link"), { type: "code" }]);
        break;
      case "link":
        out.push(...inlines(n.children, SAFE_LINK.test(n.url) ? withMark(marks, { type: "link", attrs: { href: n.url } }) : marks));
        break;
      case "break":
        out.push({ type: "hardBreak" });
        break;
      case "image":
        text(n.alt ? `${n.alt} (${n.url})` : n.url, marks);
        break;
      case "html":
        text(n.value, marks);
        break;
      default:
        text(toString(n), marks);
    }
  }
  return out;
}

/** Marks with one more; nothing else goes with code. */
function withMark(marks: Mark[], mark: Mark): Mark[] {
  if (marks.some((m) => m.type === "code")) return mark.type === "link" ? [...marks, mark] : marks;
  return marks.some((m) => m.type === mark.type) ? marks : [...marks, mark];
}
