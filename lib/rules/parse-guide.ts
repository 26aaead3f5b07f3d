import type { List, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

/** A rule's investigation guide split into the parts the alert view uses. */
export interface StructuredGuide {
  /** The generative-AI disclaimer, when the guide carries one. */
  disclaimer: string | null;
  /** Prose under "Investigating …". */
  overview: string | null;
  investigationSteps: string[];
  falsePositiveAnalysis: string[];
  responseSteps: string[];
  /** Setup text (from the rule's setup field), as plain paragraphs and steps. */
  setupSteps: string[];
}

type Section = "overview" | "investigation" | "falsePositives" | "response" | "other";

function sectionOf(heading: string): Section {
  const h = heading.toLowerCase();
  if (h.includes("investigation steps")) return "investigation";
  if (h.includes("false positive")) return "falsePositives";
  if (h.includes("response") || h.includes("remediation")) return "response";
  if (h.startsWith("investigating")) return "overview";
  return "other";
}

const items = (list: List) => list.children.map((li) => toString(li, { includeImageAlt: false }).replace(/\s+/g, " ").trim()).filter(Boolean);

/** Splits markdown (a detection rule's `note` and `setup`) into structured guide parts. */
export function parseGuide(note: string | null, setup: string | null = null): StructuredGuide {
  const guide: StructuredGuide = {
    disclaimer: null,
    overview: null,
    investigationSteps: [],
    falsePositiveAnalysis: [],
    responseSteps: [],
    setupSteps: [],
  };
  if (note) {
    let section: Section = "other";
    const overview: string[] = [];
    for (const node of fromMarkdown(note).children as RootContent[]) {
      if (node.type === "heading") {
        section = sectionOf(toString(node));
        continue;
      }
      if (node.type === "blockquote" && /disclaimer/i.test(toString(node))) {
        guide.disclaimer = toString(node).replace(/^\s*disclaimer:?\s*/i, "").replace(/\s+/g, " ").trim();
        continue;
      }
      if (section === "overview" && node.type === "paragraph") overview.push(toString(node).trim());
      if (node.type !== "list") continue;
      if (section === "investigation") guide.investigationSteps.push(...items(node));
      if (section === "falsePositives") guide.falsePositiveAnalysis.push(...items(node));
      if (section === "response") guide.responseSteps.push(...items(node));
    }
    guide.overview = overview.length ? overview.join("\n\n") : null;
  }
  if (setup) {
    for (const node of fromMarkdown(setup).children as RootContent[]) {
      if (node.type === "list") guide.setupSteps.push(...items(node));
      else if (node.type === "paragraph") guide.setupSteps.push(toString(node).replace(/\s+/g, " ").trim());
    }
  }
  return guide;
}
