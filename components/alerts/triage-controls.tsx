"use client";

import { useRouter } from "next/navigation";
import { CloseReasonSelect } from "./close-reason-select";
import { useState } from "react";


/** Status changes for one alert: open → acknowledged → closed with a reason; assignee. */
export function TriageControls({ alertId, status, assignee }: { alertId: string; status: string; assignee: string | null }) {
  const router = useRouter();
  const [reason, setReason] = useState("false_positive");
  const [who, setWho] = useState(assignee ?? "");
  const [error, setError] = useState<string | null>(null);
  async function patch(body: object) {
    setError(null);
    const res = await fetch(`/api/v1/alerts/${alertId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) setError((await res.json()).error?.message ?? `failed (${res.status})`);
    router.refresh();
  }
  return (
    <div className="filters" data-testid="triage">
      {status === "open" && <button onClick={() => patch({ status: "acknowledged" })}>Acknowledge</button>}
      {status !== "closed" && (
        <>
          <CloseReasonSelect value={reason} onChange={setReason} />
          <button onClick={() => patch({ status: "closed", reason })}>Close</button>
        </>
      )}
      {status === "closed" && <button onClick={() => patch({ status: "open" })}>Reopen</button>}
      <input value={who} onChange={(e) => setWho(e.target.value)} placeholder="assignee username" aria-label="assignee" />
      <button onClick={() => patch({ assignee: who.trim() || null })}>Assign</button>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
