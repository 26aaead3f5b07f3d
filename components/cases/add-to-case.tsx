"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** From an alert: start a new case with it, or add it to one of the open cases. */
export function AddToCase({ alertId, cases }: { alertId: string; cases: { id: string; title: string }[] }) {
  const router = useRouter();
  const [caseId, setCaseId] = useState(cases[0]?.id ?? "");
  const [message, setMessage] = useState<string | null>(null);

  async function post(url: string, body: object) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { ok: res.ok, status: res.status, body: await res.json() };
  }
  async function newCase() {
    const r = await post("/api/v1/cases", { alertIds: [alertId] });
    if (!r.ok) return setMessage(r.body.error?.message ?? `failed (${r.status})`);
    router.push(`/cases/${r.body.case.id}`);
  }
  async function addToCase() {
    const r = await post(`/api/v1/cases/${caseId}/alerts`, { alertIds: [alertId] });
    setMessage(r.ok ? (r.body.added ? "Added to the case." : "Already in the case.") : (r.body.error?.message ?? `failed (${r.status})`));
    router.refresh();
  }

  return (
    <div className="filters" data-testid="add-to-case">
      <button onClick={newCase}>New case from this alert</button>
      {cases.length > 0 && (
        <>
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)} aria-label="case">
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <button onClick={addToCase}>Add to case</button>
        </>
      )}
      {message && <span role="status">{message}</span>}
    </div>
  );
}
