"use client";

import { useState } from "react";

export interface Tick {
  step: number;
  checked_by: string | null;
  checked_at: string;
}

/** The rule's response steps as check boxes; ticks are stored per alert with who and when. */
export function Checklist({ alertId, steps, initial, canEdit }: { alertId: string; steps: string[]; initial: Tick[]; canEdit: boolean }) {
  const [ticks, setTicks] = useState<Tick[]>(initial);
  const [error, setError] = useState<string | null>(null);
  async function toggle(step: number, checked: boolean) {
    setError(null);
    const before = ticks;
    // Shown at once; the server's answer (who, when) replaces it, or a failure restores the old state.
    setTicks(checked ? [...ticks.filter((t) => t.step !== step), { step, checked_by: null, checked_at: new Date().toISOString() }] : ticks.filter((t) => t.step !== step));
    const res = await fetch(`/api/v1/alerts/${alertId}/checklist`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ step, checked }),
    });
    const body = await res.json();
    if (!res.ok) {
      setTicks(before);
      return setError(body.error?.message ?? `failed (${res.status})`);
    }
    setTicks(body.checklist);
  }
  return (
    <ol className="steps" data-testid="checklist">
      {steps.map((s, i) => {
        const tick = ticks.find((t) => t.step === i);
        return (
          <li key={i}>
            <label>
              <input type="checkbox" checked={!!tick} disabled={!canEdit} onChange={(e) => toggle(i, e.target.checked)} data-testid={`check-${i}`} /> {s}
            </label>
            {tick && (
              <span className="fact" data-testid={`ticked-${i}`}>
                {tick.checked_by ? `ticked by ${tick.checked_by} at ${new Date(tick.checked_at).toLocaleString()}` : "saving…"}
              </span>
            )}
          </li>
        );
      })}
      {error && <p className="error">{error}</p>}
    </ol>
  );
}
