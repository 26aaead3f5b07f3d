"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SeverityOptions } from "../common/severity-options";

interface Props {
  id: string;
  enabled: boolean;
  failed: boolean;
  severityOverride: string | null;
  riskOverride: number | null;
}

/** Admins enable or disable a rule and override its severity and risk score (kept across newer versions). */
export function RuleControls({ id, enabled, failed, severityOverride, riskOverride }: Props) {
  const router = useRouter();
  const [severity, setSeverity] = useState(severityOverride ?? "");
  const [risk, setRisk] = useState(riskOverride === null ? "" : String(riskOverride));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function patch(body: Record<string, unknown>, done: string) {
    setBusy(true);
    try {
      const res = await fetch(`/api/v1/rules/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = await res.json();
      setMessage(res.ok ? done : (answer.error?.message ?? `failed (${res.status})`));
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="filters" data-testid="rule-controls">
      <button className="primary" disabled={busy || (failed && !enabled)} onClick={() => patch({ enabled: !enabled }, enabled ? "Rule disabled." : "Rule enabled.")}>
        {enabled ? "Disable rule" : "Enable rule"}
      </button>
      <label>
        Severity override
        <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">rule&apos;s own</option>
          <SeverityOptions />
        </select>
      </label>
      <label>
        Risk override
        <input type="number" min={0} max={100} value={risk} onChange={(e) => setRisk(e.target.value)} placeholder="rule's own" style={{ width: 110 }} />
      </label>
      <button disabled={busy} onClick={() => patch({ severity: severity || null, risk_score: risk === "" ? null : Number(risk) }, "Overrides saved.")}>
        Save overrides
      </button>
      {message && <span role="status">{message}</span>}
    </div>
  );
}
