"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Push the case to a connector; the answer (ticket link or a clear error) shows in place. */
export function PushCase({ caseId, connectors }: { caseId: string; connectors: { id: string; name: string }[] }) {
  const router = useRouter();
  const [connectorId, setConnectorId] = useState(connectors[0]?.id ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (connectors.length === 0) return <p className="muted">No ticketing connector yet (an admin adds them in Settings).</p>;
  return (
    <div className="filters" data-testid="push">
      <select value={connectorId} onChange={(e) => setConnectorId(e.target.value)} aria-label="connector">
        {connectors.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          setMessage(null);
          const res = await fetch(`/api/v1/cases/${caseId}/push`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ connectorId }) });
          const body = await res.json();
          setBusy(false);
          if (!res.ok) return setError(body.error?.message ?? `failed (${res.status})`);
          setMessage(`Ticket ${body.external_id} ${body.result}${body.comments_sent ? `, ${body.comments_sent} comment(s) sent` : ""}.`);
          router.refresh();
        }}
      >
        Push to ticketing
      </button>
      {message && <span role="status">{message}</span>}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}
