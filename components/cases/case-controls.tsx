"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Status, assignee and comments of a case. */
export function CaseControls({ caseId, status }: { caseId: string; status: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [assignee, setAssignee] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function send(url: string, method: string, body: object) {
    setError(null);
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) {
      setError((await res.json()).error?.message ?? `failed (${res.status})`);
      return false;
    }
    router.refresh();
    return true;
  }
  return (
    <div className="card">
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => send(`/api/v1/cases/${caseId}`, "PATCH", { status: e.target.value })} aria-label="case status">
            <option value="open">open</option>
            <option value="in_progress">in progress</option>
            <option value="closed">closed</option>
          </select>
        </label>
        <label>
          Assignee <input value={assignee} onChange={(e) => setAssignee(e.target.value)} placeholder="username" />
        </label>
        <button onClick={() => send(`/api/v1/cases/${caseId}`, "PATCH", { assignee: assignee.trim() || null })}>Assign</button>
      </div>
      <div className="filters">
        <label style={{ flex: 1 }}>
          Comment (markdown)
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} style={{ width: "100%" }} aria-label="comment" />
        </label>
        <button
          disabled={!comment.trim()}
          onClick={async () => {
            if (await send(`/api/v1/cases/${caseId}/comments`, "POST", { body: comment })) setComment("");
          }}
        >
          Add comment
        </button>
      </div>
      {error && <p className="error">{error}</p>}
    </div>
  );
}
