"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

const TYPES = ["user", "host", "executable", "args", "parent", "ip", "hash"];

/** The case's observables: gathered from its alerts, added or removed by hand. */
export function ObservablesEditor({ caseId, observables, canEdit }: { caseId: string; observables: { id: string; type: string; value: string; source: string }[]; canEdit: boolean }) {
  const router = useRouter();
  const [type, setType] = useState("ip");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function send(url: string, method: string, body?: object) {
    setError(null);
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) setError((await res.json()).error?.message ?? `failed (${res.status})`);
    router.refresh();
    return res.ok;
  }
  return (
    <>
      <table className="grid" data-testid="observables">
        <tbody>
          {observables.map((o) => (
            <tr key={o.id}>
              <td>{o.type}</td>
              <td className="mono">{o.value}</td>
              <td className="muted">{o.source}</td>
              <td>{canEdit && <button aria-label={`remove ${o.type} ${o.value}`} onClick={() => send(`/api/v1/cases/${caseId}/observables/${o.id}`, "DELETE")}>Remove</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="filters" style={{ marginTop: 8 }}>
          <select value={type} onChange={(e) => setType(e.target.value)} aria-label="observable type">
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <input value={value} onChange={(e) => setValue(e.target.value)} aria-label="observable value" placeholder="value" />
          <button
            disabled={!value.trim()}
            onClick={async () => {
              if (await send(`/api/v1/cases/${caseId}/observables`, "POST", { type, value })) setValue("");
            }}
          >
            Add observable
          </button>
          {error && <span className="error">{error}</span>}
        </div>
      )}
    </>
  );
}
