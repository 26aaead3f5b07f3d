import type { StoredExplanation } from "@/lib/alerts/alert-from-hit";

const ARG = /^process\.args\[(\d+)\]$/;

/** The command line with each argument that matched a pattern highlighted, and every condition that held. */
export function FlagsMatched({ args, explanation }: { args: string[]; explanation: StoredExplanation }) {
  const conditions = explanation.flat();
  const matchedArgs = new Map<number, string>();
  for (const c of conditions) {
    const m = c.field ? ARG.exec(c.field) : null;
    if (m) matchedArgs.set(Number(m[1]), `${c.op} ${JSON.stringify(c.pattern)}`);
  }
  return (
    <>
      <p className="mono" data-testid="command-line">
        {args.map((a, i) => (
          <span key={i}>
            {matchedArgs.has(i) ? (
              <mark className="flag" data-testid="matched-flag" title={`matched ${matchedArgs.get(i)}`}>
                {a}
              </mark>
            ) : (
              a
            )}{" "}
          </span>
        ))}
      </p>
      {[...matchedArgs].map(([i, how]) => (
        <p key={i} className="muted" data-testid="matched-pattern">
          argument {i} <span className="mono">{JSON.stringify(args[i])}</span> matched <span className="mono">{how}</span>
        </p>
      ))}
      <h3 style={{ fontSize: 13 }}>Conditions that held</h3>
      <ul data-testid="conditions">
        {conditions.map((c, i) => (
          <li key={i} className="mono">
            {c.summary}
          </li>
        ))}
      </ul>
    </>
  );
}
