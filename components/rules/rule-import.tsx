"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

interface ImportAnswer {
  imported: number;
  updated: number;
  skipped: { file: string; rule_id: string; reason: string }[];
  errors: { file: string; line: number | null; message: string }[];
  ids: string[];
  ignored: string[];
  exceptions: { created: number; updated: number; unchanged: number };
}

/** Admins import rule files (TOML, Kibana NDJSON, .zip, .tar.gz); the result lists what was skipped and why, and every error. */
export function RuleImport() {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!files.length || busy) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const form = new FormData();
      for (const f of files) form.append("file", f, f.name);
      const res = await fetch(`/api/v1/rules/import${strict ? "?strict=true" : ""}`, { method: "POST", body: form });
      const body = await res.json();
      if (!res.ok) setFailure(body.error?.message ?? `failed (${res.status})`);
      else setResult(body);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card" data-testid="rule-import">
      <summary>Import rules</summary>
      <form onSubmit={upload} className="filters">
        <label>
          Rule files: detection-rules TOML, Kibana export NDJSON, .zip or .tar.gz archives
          <input type="file" multiple accept=".toml,.ndjson,.json,.zip,.tar.gz,.tgz,.tar" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </label>
        <label className="inline" title="Also fail queries that Vigil runs but Elasticsearch may refuse, such as comparisons of optional fields">
          <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> Strict EQL checking
        </label>
        <button type="submit" className="primary" disabled={busy || !files.length}>
          {busy ? "Importing…" : "Import"}
        </button>
      </form>
      <p className="muted small">New rules arrive disabled (those of a Kibana export keep their state); a newer version of a rule replaces it and keeps its settings.</p>
      {failure && <p className="error" role="alert">{failure}</p>}
      {result && (
        <div data-testid="import-result">
          <p role="status">
            {result.imported} imported, {result.updated} updated, {result.skipped.length} skipped, {result.errors.length} error(s){result.ignored.length ? `, ${result.ignored.length} other file(s) ignored` : ""}.{" "}
            {result.imported + result.updated > 0 && <Link href="/rules?enabled=false">Review the disabled rules</Link>}
            {result.ids.length === 1 && (
              <>
                {" · "}
                <Link href={`/rules/${result.ids[0]}#preview`}>Preview what it would have found</Link>
              </>
            )}
          </p>
          {result.exceptions.created + result.exceptions.updated > 0 && (
            <p className="small">
              Exception items from the export: {result.exceptions.created} added, {result.exceptions.updated} updated{result.exceptions.unchanged ? `, ${result.exceptions.unchanged} unchanged` : ""} — <Link href="/exceptions">see them on the Exceptions page</Link>.
            </p>
          )}
          {(result.skipped.length > 0 || result.errors.length > 0) && (
            <table className="grid dense">
              <thead>
                <tr>
                  <th>Outcome</th>
                  <th>File</th>
                  <th>Rule id / line</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={`e${i}`}>
                    <td className="error">error</td>
                    <td className="mono">{e.file}</td>
                    <td>{e.line ?? ""}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
                {result.skipped.map((s, i) => (
                  <tr key={`s${i}`}>
                    <td>skipped</td>
                    <td className="mono">{s.file}</td>
                    <td className="mono">{s.rule_id}</td>
                    <td>{s.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </details>
  );
}
