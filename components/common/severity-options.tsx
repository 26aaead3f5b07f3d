/** The `<option>`s of a severity picker, in Elastic's order. */
export const SEVERITY_NAMES = ["low", "medium", "high", "critical"] as const;

export function SeverityOptions() {
  return (
    <>
      {SEVERITY_NAMES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </>
  );
}
