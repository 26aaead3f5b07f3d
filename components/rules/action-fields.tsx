"use client";

/** Where new alerts are announced (webhook, Slack, email), how often, and the message: a rule's own actions and severity-wide policies. */
export type Target = { kind: "webhook" | "slack"; url: string } | { kind: "email"; to: string[] };
export interface Actions {
  targets: Target[];
  throttle_minutes: number;
  template: string;
}

export const DEFAULT_ACTIONS: Actions = {
  targets: [],
  throttle_minutes: 10,
  template: "{{count}} new alert(s) for “{{rule.name}}” ({{rule.severity}}, risk {{rule.risk_score}}). Latest: {{latest.user}}@{{latest.host}}: {{latest.command_line}} — {{latest.url}}",
};

export function ActionFields({ actions, setActions, canEdit }: { actions: Actions; setActions: (a: Actions) => void; canEdit: boolean }) {
  const setTarget = (i: number, t: Target) => setActions({ ...actions, targets: actions.targets.map((x, j) => (j === i ? t : x)) });
  return (
    <>
      {actions.targets.map((t, i) => (
        <div className="filters" key={i}>
          <label>
            Kind
            <select disabled={!canEdit} value={t.kind} onChange={(e) => setTarget(i, e.target.value === "email" ? { kind: "email", to: [] } : { kind: e.target.value as "webhook" | "slack", url: "url" in t ? t.url : "" })}>
              <option value="webhook">webhook (JSON)</option>
              <option value="slack">Slack incoming webhook</option>
              <option value="email">email</option>
            </select>
          </label>
          {t.kind === "email" ? (
            <label>
              To (comma-separated)
              <input disabled={!canEdit} size={40} value={t.to.join(", ")} onChange={(e) => setTarget(i, { kind: "email", to: e.target.value.split(",").map((s) => s.trim()).filter(Boolean) })} />
            </label>
          ) : (
            <label>
              URL
              <input disabled={!canEdit} size={50} value={t.url} onChange={(e) => setTarget(i, { kind: t.kind, url: e.target.value })} />
            </label>
          )}
          {canEdit && (
            <button type="button" onClick={() => setActions({ ...actions, targets: actions.targets.filter((_, j) => j !== i) })}>
              Remove
            </button>
          )}
        </div>
      ))}
      {actions.targets.length === 0 && <p className="muted">No actions: new alerts appear in Vigil only.</p>}
      {canEdit && (
        <>
          <div className="filters">
            <button type="button" onClick={() => setActions({ ...actions, targets: [...actions.targets, { kind: "webhook", url: "" }] })}>
              Add an action
            </button>
            <label>
              At most one message per (minutes)
              <input type="number" min={0} max={1440} value={actions.throttle_minutes} onChange={(e) => setActions({ ...actions, throttle_minutes: Number(e.target.value) })} style={{ width: 90 }} />
            </label>
          </div>
          <label className="muted small">
            Message ({"{{count}}, {{rule.name}}, {{rule.severity}}, {{rule.risk_score}}, {{latest.host}}, {{latest.user}}, {{latest.command_line}}, {{latest.url}}"})
            <textarea value={actions.template} onChange={(e) => setActions({ ...actions, template: e.target.value })} rows={2} style={{ width: "100%" }} />
          </label>
        </>
      )}
    </>
  );
}
