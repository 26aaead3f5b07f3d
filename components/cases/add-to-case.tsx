"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** From an alert: add it to one of the open cases. */
export function AddToCase({ alertId, cases }: { alertId: string; cases: { id: string; title: string }[] }) {
  const router = useRouter();
  const [caseId, setCaseId] = useState(cases[0]?.id ?? "");
  const [message, setMessage] = useState<string | null>(null);
  if (cases.length === 0) return null;
  return (
    <div className="filters" data-testid="add-to-case">
      <select value={caseId} onChange={(e) => setCaseId(e.target.value)} aria-label="case">
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      <button
        onClick={async () => {
          const res = await fetch(`/api/v1/cases/${caseId}/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ alertIds: [alertId] }) });
          const body = await res.json();
          setMessage(res.ok ? (body.added ? "Added to the case." : "Already in the case.") : (body.error?.message ?? `failed (${res.status})`));
          router.refresh();
        }}
      >
        Add to case
      </button>
      {message && <span role="status">{message}</span>}
    </div>
  );
}
