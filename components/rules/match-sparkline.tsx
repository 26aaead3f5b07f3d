"use client";
/**
 * A rule's matches per hour (alerts, and matches over its cap stacked on them) as a sparkline,
 * with each hour's counts in the browser's time zone on hover. Drawn with Recharts.
 */
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from "recharts";

export interface MatchHour {
  hour: string;
  alerts: number;
  over_cap: number;
}

const hourLabel = (iso: string) => new Date(iso).toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export function MatchSparkline({ hours }: { hours: MatchHour[] }) {
  const alerts = hours.reduce((n, h) => n + h.alerts, 0);
  const over = hours.reduce((n, h) => n + h.over_cap, 0);
  const days = Math.round(hours.length / 24);
  return (
    <figure className="sparkline" data-testid="rule-sparkline" data-alerts={alerts} data-over-cap={over}>
      <figcaption className="muted small">
        Matches per hour, last {days} days: {alerts} alert{alerts === 1 ? "" : "s"}
        {over > 0 ? `, ${over} over the cap` : ""}
      </figcaption>
      <div style={{ width: "100%", height: 56 }}>
        <ResponsiveContainer>
          <BarChart data={hours} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={0}>
            <XAxis dataKey="hour" tick={false} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} height={1} />
            <Tooltip
              cursor={{ fill: "rgba(3, 105, 161, 0.12)" }}
              labelFormatter={(label) => hourLabel(String(label))}
              formatter={(value, name) => [value, name === "alerts" ? "alerts" : "over the cap"]}
              contentStyle={{ fontSize: 12, padding: "4px 8px" }}
            />
            <Bar dataKey="alerts" stackId="m" fill="#0369a1" isAnimationActive={false} />
            <Bar dataKey="over_cap" stackId="m" fill="#b45309" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
