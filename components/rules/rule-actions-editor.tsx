"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionFields, DEFAULT_ACTIONS, type Actions } from "./action-fields";

interface State {
  last_sent_at: string | null;
  sent: number;
  failed: number;
  last_error: string | null;
  last_error_at: string | null;
}

/** Admins choose where a rule's new alerts are announced (webhook, Slack, email), how often, and the message. */
export function RuleActionsEditor({ id, initial, state, canEdit }: { id: string; initial: Actions | null; state: State | null; canEdit: boolean }) {
  const router = useRouter();
  const [actions, setActions] = useState<Actions>(initial ?? DEFAULT_ACTIONS);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);


  async function save() {
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/rules/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ actions: actions.targets.length ? actions : null }) });
      const body = await res.json();
      setMessage(res.ok ? "Actions saved." : (body.error?.message ?? `failed (${res.status})`));
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="rule-actions">
      <h2>Actions on new alerts</h2>
      {state && (
        <p className={state.last_error ? "error" : "muted"} data-testid="rule-action-state">
          {state.sent} delivered, {state.failed} failed{state.last_sent_at ? `; last message ${new Date(state.last_sent_at).toLocaleString()}` : ""}
          {state.last_error ? `; last failure ${state.last_error_at ? new Date(state.last_error_at).toLocaleString() : ""}: ${state.last_error}` : ""}
        </p>
      )}
      <ActionFields actions={actions} setActions={setActions} canEdit={canEdit} />
      {canEdit && (
        <p>
          <button className="primary" disabled={busy} onClick={save}>
            Save actions
          </button>{" "}
          {message && <span role="status">{message}</span>}
        </p>
      )}
    </section>
  );
}
