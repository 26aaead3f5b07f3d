import { describe, expect, it } from "vitest";
import { generateLinuxEvents } from "../demo/generate-linux-events";
import { runQuery } from "../eql";
import { matchesNaive } from "../eql/naive";
import { builtinRules, compileRule, loadRulesFromPaths, loadTomlRule } from "../rules";
import { Detector } from "./detector";
import { sharedCorpus } from "../corpus/shared-corpus";

const corpus = sharedCorpus("detection-rules");
const rules = loadRulesFromPaths([corpus])
  .rules.filter((r) => r.rule.maturity === "production")
  .map((r) => compileRule(r.rule));
const sequenceRule = (id: string, query: string) =>
  compileRule(loadTomlRule(["[rule]", `rule_id = "${id}"`, `name = "${id}"`, 'severity = "low"', "risk_score = 1", 'language = "eql"', `query = ${JSON.stringify(query)}`].join("\n")));
// Sequences that do occur in generated data, beside the corpus ones that rarely do.
rules.push(
  sequenceRule("shell-then-kubectl", 'sequence by host.id with maxspan=10m [process where process.name in ("bash", "zsh", "sh", "dash")] [process where process.name == "kubectl"]'),
  sequenceRule("three-network", "sequence by host.name with maxspan=1m [network where true] with runs=3"),
  sequenceRule("no-file-after", 'sequence by host.id with maxspan=30s [process where process.name == "kubectl"] ![file where file.name == "config.yaml"]'),
);
const events = [...generateLinuxEvents({ count: 6_000, seed: 3, end: new Date("2026-11-28T12:00:00Z") })];
// Variations the generator does not produce, so that rules keyed on other fields see hits too.
events.push(
  { ...events[10], "@timestamp": "2026-11-28T12:00:01Z", process: { name: "rmmod", args: ["rmmod", "x"], parent: { name: "bash" } } },
  { ...events[11], "@timestamp": "2026-11-28T12:00:02Z", event: { category: ["process", "start"], type: ["start"], action: "exec" } },
);

describe("the detector's category dispatch and rule index", () => {
  it("find exactly what evaluating every rule on every event finds", () => {
    const detector = new Detector(rules);
    const viaDetector: string[] = [];
    events.forEach((e, i) => {
      for (const hit of detector.process(e)) if (hit.events.length === 1) viaDetector.push(`${hit.rule.id}#${i}`);
    });
    const exhaustive: string[] = [];
    events.forEach((e, i) => {
      for (const r of rules) if (r.query.kind === "event" && r.query.filter.matches(e)) exhaustive.push(`${r.rule.id}#${i}`);
    });
    expect(exhaustive.length).toBeGreaterThan(50);
    expect(viaDetector.sort()).toEqual(exhaustive.sort());
  });

  it("complete the same sequences as running each sequence rule alone", () => {
    const detector = new Detector(rules);
    const viaDetector: string[] = [];
    for (const e of events) for (const hit of detector.process(e)) if (hit.events.length > 1) viaDetector.push(`${hit.rule.id}:${hit.events.map((x) => x && events.indexOf(x)).join(",")}`);
    for (const hit of detector.flush()) viaDetector.push(`${hit.rule.id}:${hit.events.map((x) => x && events.indexOf(x)).join(",")}`);
    const alone: string[] = [];
    for (const r of rules) {
      if (r.query.kind !== "sequence") continue;
      for (const m of runQuery(r.query, events, { explain: false })) {
        if (m.kind !== "event") alone.push(`${r.rule.id}:${m.events.map((x) => x && events.indexOf(x)).join(",")}`);
      }
    }
    expect(alone.length).toBeGreaterThan(0);
    expect(viaDetector.sort()).toEqual(alone.sort());
  });

  it("find the same hits split in two — event rules as each event is read, sequence rules later — as in one pass", () => {
    const key = (h: { rule: { id: string }; events: unknown[] }) => `${h.rule.id}:${h.events.map((x) => x && events.indexOf(x as (typeof events)[number])).join(",")}`;
    const whole = new Detector(rules);
    const onePass = events.flatMap((e) => whole.process(e).map(key));
    const split = new Detector(rules);
    const early = events.map((e) => split.readEvent(e));
    const twoPasses = events.flatMap((e, i) => [...early[i].hits, ...split.processSequences(e, undefined, early[i])].map(key));
    expect(early.flatMap((x) => x.hits).length).toBeGreaterThan(50);
    expect(early.every((x) => x.hits.every((h) => h.events.length === 1))).toBe(true);
    expect(twoPasses.filter((k) => k.includes(",")).length).toBeGreaterThan(0);
    expect(twoPasses.sort()).toEqual(onePass.sort());
  });

  it("complete the same sequences when events that can advance none skip the sequence step", () => {
    const key = (h: { rule: { id: string }; events: unknown[] }) => `${h.rule.id}:${h.events.map((x) => x && events.indexOf(x as (typeof events)[number])).join(",")}`;
    // Shipped to an auditd index: corpus rules for other sources (one of them reads every event of
    // its hosts, for a missing-event term) do not see them; the test's own rules see every index.
    const index = "auditbeat-8.17.0";
    const whole = new Detector(rules);
    const onePass = [...events.flatMap((e) => whole.process(e, index).filter((h) => h.events.length > 1)), ...whole.flush()].map(key);
    const split = new Detector(rules);
    let skipped = 0;
    const sequences = events.flatMap((e) => {
      const early = split.readEvent(e, index);
      if (early.sequences.length > 0) return split.processSequences(e, index, early);
      skipped++;
      return [];
    });
    const withFlush = [...sequences, ...split.flush()].map(key);
    expect(skipped).toBeGreaterThan(events.length / 2);
    expect(onePass.length).toBeGreaterThan(0);
    expect(withFlush.sort()).toEqual(onePass.sort());
  });

  it("look the sequence rules up again when the events were read by a detector since replaced", () => {
    const key = (h: { rule: { id: string }; events: unknown[] }) => `${h.rule.id}:${h.events.map((x) => x && events.indexOf(x as (typeof events)[number])).join(",")}`;
    const reader = new Detector(rules);
    const replaced = new Detector(rules);
    const reference = new Detector(rules);
    const viaOther = events.flatMap((e) => replaced.processSequences(e, undefined, reader.readEvent(e)).map(key));
    const direct = events.flatMap((e) => reference.process(e).filter((h) => h.events.length > 1).map(key));
    expect(direct.length).toBeGreaterThan(0);
    expect(viaOther.sort()).toEqual(direct.sort());
  });

  it("find the same hits when the events mayMatch rejects are left out", () => {
    const hitsOf = (detector: Detector, stream: typeof events) => {
      const out: string[] = [];
      for (const e of stream) for (const hit of detector.process(e)) out.push(`${hit.rule.id}:${hit.events.map((x) => x && events.indexOf(x)).join(",")}`);
      for (const hit of detector.flush()) out.push(`${hit.rule.id}:${hit.events.map((x) => x && events.indexOf(x)).join(",")}`);
      return out.sort();
    };
    const filter = new Detector(rules);
    const kept = events.filter((e) => filter.mayMatch(e));
    expect(hitsOf(new Detector(rules), kept)).toEqual(hitsOf(new Detector(rules), events));
    // With the built-in rule alone, almost nothing needs keeping; a value still to be filled in keeps what is keyed on it.
    const kubectl = new Detector(builtinRules().map((r) => compileRule(r)));
    const kubectlKept = events.filter((e) => kubectl.mayMatch(e));
    expect(kubectlKept.length).toBeGreaterThan(0);
    expect(kubectlKept.length).toBeLessThan(events.length / 10);
    const parentRule = new Detector([sequenceRule("parent-is-shell", 'process where process.parent.name == "bash"')]);
    const child = { "@timestamp": "2026-11-28T12:00:00Z", event: { category: ["process"] }, process: { name: "ls", parent: { pid: 4 } } };
    expect(parentRule.mayMatch(child)).toBe(false);
    expect(parentRule.mayMatch(child, new Set(["process.parent.name"]))).toBe(true);
    expect(parentRule.mayMatch({ ...child, process: { name: "ls", parent: { pid: 4, name: "Bash" } } })).toBe(true);
  });

  it("select, rule by rule, what the naive AST walk selects (generated code against the reference)", () => {
    // Generated events plus variants the generator does not make: upper case, numbers, arrays.
    const sample = events.filter((_, i) => i % 40 === 0);
    const shout = (v: unknown): unknown =>
      typeof v === "string" ? v.toUpperCase() : Array.isArray(v) ? v.map(shout) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shout(x)])) : v;
    const variants = sample.slice(0, 30).flatMap((e) => {
      const p = (e as { process?: Record<string, unknown> }).process ?? {};
      return [
        { ...e, process: shout(p) },
        { ...e, process: { ...p, name: [p.name, "bash"], args: [...((p.args as unknown[]) ?? []), 0, null, ["--as=x"]] } },
        { ...e, user: { id: 0 }, process: { ...p, pid: "12" } },
      ];
    });
    const checked = [...sample, ...variants];
    const mismatches: string[] = [];
    let selected = 0;
    for (const r of rules) {
      const filters = r.query.kind === "event" ? [r.query.filter] : r.query.kind === "sequence" ? r.query.terms.map((t) => t.filter) : [];
      const asts = r.ast.kind === "event" ? [r.ast.filter] : r.ast.kind === "sequence" ? r.ast.terms.map((t) => t.filter) : [];
      if (filters.length !== asts.length) continue; // `with runs=N` repeats a term in the compiled form
      filters.forEach((f, i) => {
        const naive = { ...(r.ast as object), kind: "event", filter: asts[i] } as never;
        for (const e of checked) {
          const got = f.matches(e);
          if (got) selected++;
          if (got !== matchesNaive(naive, e)) mismatches.push(`${r.rule.name} term ${i} on ${JSON.stringify(e).slice(0, 80)}`);
        }
      });
    }
    expect(selected).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  }, 120_000);
});

describe("sequence state under the detector", () => {
  const at = (ms: number, host: string, name: string, category = "process") => ({ "@timestamp": new Date(Date.UTC(2026, 10, 28) + ms).toISOString(), event: { category: [category] }, host: { id: host }, process: { name } });
  const stateOf = (d: Detector) => (d as unknown as { sequences: { matcher: { store: { size: number } } }[] }).sequences.map((s) => s.matcher.store.size);

  it("drops partials of a rule that few events reach once its span has passed, judged by every event the detector sees", () => {
    const rare = sequenceRule("rare", 'sequence by host.id with maxspan=1m [process where process.name == "rare-a"] [process where process.name == "rare-b"]');
    const d = new Detector([rare]);
    for (let i = 0; i < 100; i++) d.process(at(i, `h${i}`, "rare-a"));
    expect(stateOf(d)).toEqual([100]);
    // Ten minutes of other traffic: the rule's own matcher sees none of it, the detector does.
    for (let i = 0; i < 5000; i++) d.process(at(60_000 + i * 120, "busy", "bash", "network"));
    expect(stateOf(d)).toEqual([0]);
    // A partial inside its span still completes.
    d.process(at(600_000, "h-new", "rare-a"));
    expect(d.process(at(630_000, "h-new", "rare-b"))).toHaveLength(1);
  });

  it("bounds a sequence without maxspan by its rule's look-back, and keeps state for late events up to the additional look-back", () => {
    const toml = (from: string) =>
      ["[rule]", 'rule_id = "nospan"', 'name = "nospan"', 'severity = "low"', "risk_score = 1", 'language = "eql"', 'interval = "5m"', `from = "${from}"`, `query = ${JSON.stringify('sequence by host.id [process where process.name == "a"] [process where process.name == "b"]')}`].join("\n");
    const d = new Detector([compileRule(loadTomlRule(toml("now-9m")))]);
    d.process(at(0, "h1", "a"));
    d.process(at(1000, "h2", "a"));
    // 8 minutes apart: within the 9-minute look-back.
    expect(d.process(at(8 * 60_000, "h1", "b"))).toHaveLength(1);
    // 10 minutes apart: Elastic's search of the last 9 minutes could not have found it.
    expect(d.process(at(10 * 60_000 + 1000, "h2", "b"))).toHaveLength(0);
    // Memory follows: a partial is dropped once newer events are past its look-back and the 4 minutes of lateness.
    d.process(at(11 * 60_000, "h3", "a"));
    for (let i = 0; i < 4096; i++) d.process(at(11 * 60_000 + i * 100, "busy", "x", "network"));
    expect(stateOf(d)).toEqual([1]);
    for (let i = 0; i < 4096; i++) d.process(at(35 * 60_000 + i * 100, "busy", "x", "network"));
    expect(stateOf(d)).toEqual([0]);
  });
});
