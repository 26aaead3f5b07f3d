"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

interface Match {
  event_ids: string[];
  event_time: string;
  host: string | null;
  user: string | null;
  process: string | null;
  command_line: string | null;
  explanation: { summary: string }[][];
}
interface Preview {
  matches: Match[];
  matches_total: number;
  silenced_by_exceptions: number;
  events_scanned: number;
  took_ms: number;
  events_per_second: number;
}
interface Run {
  id: string;
  status: string;
  total: number;
  scanned: number;
  matched: number;
  created: number;
  suppressed: number;
  silenced: number;
  error: string | null;
  actorName: string;
  startedAt: string;
  from: string;
  to: string;
}

const RANGES = [
  { label: "last 24 hours", ms: 86_400_000 },
  { label: "last 7 days", ms: 7 * 86_400_000 },
  { label: "last 30 days", ms: 30 * 86_400_000 },
];

/** "What would this rule have found?" over stored events, and (admins) a back-fill that creates those alerts, with progress. */
export function RulePreview({ id, canRun, gap: gapAt }: { id: string; canRun: boolean; gap: { from: Date | string; to: Date | string } | null }) {
  const gap = gapAt ? { from: new Date(gapAt.from).toISOString(), to: new Date(gapAt.to).toISOString() } : null;
  const [range, setRange] = useState(RANGES[0].ms);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [runs, setRuns] = useState<Run[]>([]);

  async function loadRuns() {
    const res = await fetch(`/api/v1/rules/${id}/runs`);
    if (res.ok) setRuns((await res.json()).runs);
  }
  useEffect(() => {
    void loadRuns();
  }, [id]);
  const running = runs.some((r) => r.status === "running");
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void loadRuns(), 1000);
    return () => clearInterval(t);
  }, [running]);

  async function run(kind: "preview" | "backfill" | "fill-gap") {
    if (busy) return;
    const span = kind === "fill-gap" && gap ? { from: gap.from, to: gap.to } : { from: new Date(Date.now() - range).toISOString() };
    const label = kind === "fill-gap" ? "gap" : `${RANGES.find((r) => r.ms === range)?.label}`;
    if (kind !== "preview" && !window.confirm(`Create the alerts this rule finds in the ${label}? Alerts that exist already are not created again.`)) return;
    setBusy(true);
    setFailure(null);
    try {
      const res =
        kind === "preview"
          ? await fetch("/api/v1/rules/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rule: id, ...span }) })
          : await fetch(`/api/v1/rules/${id}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(span) });
      const body = await res.json();
      if (!res.ok) setFailure(body.error?.message ?? `failed (${res.status})`);
      else if (kind === "preview") setPreview(body);
      else await loadRuns();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" id="preview" data-testid="rule-preview">
      <h2>Preview and back-fill</h2>
      {gap && (
        <p className="notice" data-testid="rule-gap">
          Events stored from <time dateTime={gap.from}>{new Date(gap.from).toLocaleString()}</time> to <time dateTime={gap.to}>{new Date(gap.to).toLocaleString()}</time> were never seen by this rule: it
          was off, or not yet enabled (Elastic would have looked back that far on its first run).{" "}
          {canRun && (
            <button disabled={busy || running} onClick={() => run("fill-gap")}>
              Fill the gap (back-fill)
            </button>
          )}
        </p>
      )}
      <div className="filters">
        <label>
          Stored events of the
          <select value={range} onChange={(e) => setRange(Number(e.target.value))}>
            {RANGES.map((r) => (
              <option key={r.ms} value={r.ms}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" disabled={busy} onClick={() => run("preview")}>
          {busy ? "Running…" : "Preview"}
        </button>
        {canRun && (
          <button disabled={busy || running} onClick={() => run("backfill")}>
            Create these alerts (back-fill)
          </button>
        )}
      </div>
      {failure && <pre className="error mono" role="alert">{failure}</pre>}
      {preview && (
        <>
          <p role="status" data-testid="preview-summary">
            {preview.matches_total} match(es) in {preview.events_scanned} event(s) read, {preview.took_ms} ms ({preview.events_per_second} events/s)
            {preview.silenced_by_exceptions ? `; ${preview.silenced_by_exceptions} silenced by exceptions` : ""}.
          </p>
          {preview.matches.length > 0 && (
            <table className="grid dense">
              <thead>
                <tr>
                  <th>Event time</th>
                  <th>Host</th>
                  <th>User</th>
                  <th>Process</th>
                  <th>Command line</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {preview.matches.map((m) => (
                  <tr key={m.event_ids.join(",")}>
                    <td>{new Date(m.event_time).toLocaleString()}</td>
                    <td>{m.host}</td>
                    <td>{m.user}</td>
                    <td>{m.process}</td>
                    <td className="mono">{m.command_line}</td>
                    <td className="small">{m.explanation.flat().map((c) => c.summary).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.matches_total > preview.matches.length && <p className="muted">Showing the first {preview.matches.length}.</p>}
        </>
      )}
      {runs.length > 0 && (
        <table className="grid dense" data-testid="rule-runs">
          <thead>
            <tr>
              <th>Back-fill started</th>
              <th>By</th>
              <th>Range</th>
              <th>Progress</th>
              <th>Matches</th>
              <th>Alerts created</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>{r.actorName}</td>
                <td>
                  {new Date(r.from).toLocaleString()} – {new Date(r.to).toLocaleString()}
                </td>
                <td>
                  <progress max={Math.max(r.total, 1)} value={r.status === "done" ? Math.max(r.total, 1) : r.scanned} /> {r.scanned} read of {r.total}
                </td>
                <td>{r.matched}</td>
                <td>
                  {r.created}
                  {r.suppressed ? ` (+${r.suppressed} over the cap)` : ""}
                  {r.created > 0 && (
                    <>
                      {" "}
                      <Link href="/alerts">see alerts</Link>
                    </>
                  )}
                </td>
                <td className={r.status === "failed" ? "error" : ""} title={r.error ?? ""}>
                  {r.status}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
