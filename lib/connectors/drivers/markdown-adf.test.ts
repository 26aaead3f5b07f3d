/** Markdown becomes real ADF nodes, each document valid against Atlassian's schema. */
import { describe, expect, it } from "vitest";
import { adfProblems } from "../../test-support/adf-schema";
import { markdownToAdf } from "./markdown-adf";

const MARKDOWN = `## Summary

Tokens of **carol** were used with *--as* on \`node-1\` — see [the runbook](https://wiki.example/runbook) and ~~old notes~~.
Line one
second line after a hard break\\
third.

1. Revoke the token
2. Rotate the kubeconfig
   - on every node

- [x] done item
- plain item

> Seen before on **node-2**.
> ## quoted heading

\`\`\`bash
kubectl get secrets -A --as=system:admin
\`\`\`

| host | user |
|------|------|
| node-1 | carol |

---

<script>alert(1)</script> and [a bad link](javascript:alert(1)) and ![diagram](https://img.example/d.png)
`;

type Node = { type: string; text?: string; marks?: { type: string; attrs?: { href: string } }[]; content?: Node[]; attrs?: Record<string, unknown> };
const all = (n: Node): Node[] => [n, ...(n.content ?? []).flatMap(all)];

describe("markdown to ADF", () => {
  it("gives headings, marks, lists, quotes, code blocks, tables and rules as ADF nodes, valid against @atlaskit/adf-schema", () => {
    const doc = markdownToAdf(MARKDOWN);
    expect(adfProblems(doc)).toBeNull();
    const nodes = all(doc as unknown as Node);
    const types = new Set(nodes.map((n) => n.type));
    for (const t of ["heading", "paragraph", "orderedList", "bulletList", "listItem", "blockquote", "codeBlock", "table", "tableRow", "tableHeader", "tableCell", "rule", "hardBreak"]) expect(types, t).toContain(t);
    const marked = (type: string) => nodes.filter((n) => n.marks?.some((m) => m.type === type)).map((n) => n.text);
    expect(marked("strong")).toContain("carol");
    expect(marked("em")).toContain("--as");
    expect(marked("code")).toContain("node-1");
    expect(marked("strike")).toContain("old notes");
    expect(nodes.find((n) => n.text === "the runbook")?.marks).toEqual([{ type: "link", attrs: { href: "https://wiki.example/runbook" } }]);
    expect(nodes.find((n) => n.type === "codeBlock")).toMatchObject({ attrs: { language: "bash" }, content: [{ type: "text", text: "kubectl get secrets -A --as=system:admin" }] });
    // No literal markdown left, raw HTML is text, and a javascript: link is no link.
    const text = nodes.map((n) => n.text ?? "").join(" ");
    expect(text).not.toMatch(/##|\*\*|```/);
    expect(text).toContain("<script>alert(1)</script>");
    expect(nodes.some((n) => n.marks?.some((m) => m.attrs?.href?.startsWith("javascript:")))).toBe(false);
  });

  it("is checked by a schema that refuses what Jira refuses", () => {
    expect(adfProblems({ version: 1, type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }] })).not.toBeNull();
    expect(adfProblems({ version: 1, type: "doc", content: [{ type: "heading", content: [] }] })).not.toBeNull();
    expect(adfProblems({ version: 1, type: "doc", content: [{ type: "listItem", content: [] }] })).not.toBeNull();
  });

  it("stays valid for empty, whitespace and odd inputs", () => {
    for (const md of ["", "   ", "#", "- ", "> ", "```\n```", "|a|\n|-|", "**", "[x]()"]) expect(adfProblems(markdownToAdf(md)), JSON.stringify(md)).toBeNull();
  });
});
