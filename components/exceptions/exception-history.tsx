"use client";

import { useState } from "react";

interface AuditEntry {
  id: string;
  action: string;
  actorName: string | null;
  at: string;
}

/** The audit trail of one exception, loaded when opened. */
export function ExceptionHistory({ id }: { id: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  return (
    <details
      onToggle={async (e) => {
        if (!(e.target as HTMLDetailsElement).open || entries) return;
        const res = await fetch(`/api/v1/exceptions/${id}`);
        if (res.ok) setEntries((await res.json()).audit);
      }}
    >
      <summary>History</summary>
      <ul data-testid="exception-history">
        {(entries ?? []).map((a) => (
          <li key={a.id}>
            {new Date(a.at).toLocaleString()} · {a.actorName ?? "?"} · {a.action}
          </li>
        ))}
      </ul>
    </details>
  );
}
