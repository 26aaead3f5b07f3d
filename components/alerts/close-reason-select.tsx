import { CLOSE_REASON_LABELS } from "@/lib/alerts/close-reasons";

/** The reason an alert is closed with. */
export function CloseReasonSelect({ value, onChange }: { value: string; onChange: (reason: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="close reason">
      {Object.entries(CLOSE_REASON_LABELS).map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </select>
  );
}
