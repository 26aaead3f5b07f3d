"use client";

import { useState } from "react";
import type { TreeNode } from "@/lib/alerts/process-tree";

function Node({ node, depth }: { node: TreeNode; depth: number }) {
  const [open, setOpen] = useState(depth < 8);
  return (
    <li data-testid="tree-node" data-highlighted={node.highlighted ? "true" : "false"}>
      {node.children.length > 0 && (
        <button aria-label={open ? "collapse" : "expand"} onClick={() => setOpen(!open)} style={{ padding: "0 4px", marginRight: 4 }}>
          {open ? "−" : "+"}
        </button>
      )}
      <span className={`node${node.highlighted ? " me" : ""}`}>
        <strong data-testid="tree-name">{node.name ?? "?"}</strong> <span className="muted">pid {node.pid ?? "?"}</span>{" "}
        <span className="mono" data-testid="tree-args">
          {node.args.length ? node.args.join(" ") : node.commandLine}
        </span>{" "}
        <span className="muted">
          {node.user ?? "?"} · {new Date(node.time).toLocaleString()}
          {node.linkedBy === "pid" ? " · linked by pid" : ""}
        </span>
      </span>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Node key={c.eventId} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Ancestors down to the alert's process (highlighted), its children and siblings; each level can fold. */
export function ProcessTreeView({ root }: { root: TreeNode }) {
  return (
    <div className="tree" data-testid="process-tree">
      <ul style={{ borderLeft: "none", paddingLeft: 0 }}>
        <Node node={root} depth={0} />
      </ul>
    </div>
  );
}
