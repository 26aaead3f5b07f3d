/** Documents as Elasticsearch's ECS mappings take them: coerced alike, refused alike, naming the field. */
import { describe, expect, it } from "vitest";
import { prepareEvent } from "../prepare-events";
import { conformToEcsMapping } from "./ecs-mapping";

const base = { "@timestamp": "2026-12-03T10:00:00Z", event: { category: ["process"], type: ["start"] }, host: { name: "n1" } };
const conform = (doc: Record<string, unknown>) => conformToEcsMapping(structuredClone(doc));

describe("the ECS mapping", () => {
  it("takes a keyword as one value or an array, turning numbers and booleans into strings; arrays where ECS has them", () => {
    const r = conform({ ...base, process: { args: "kubectl --as=admin", name: 42, pid: 7 }, user: { name: true } });
    expect(r).toMatchObject({ ok: true, event: { process: { args: ["kubectl --as=admin"], name: "42", pid: 7 }, user: { name: "true" } } });
    expect(conform({ ...base, process: { args: ["kubectl", 3, false, null] } })).toMatchObject({ ok: true, event: { process: { args: ["kubectl", "3", "false", null] } } });
  });

  it("coerces numeric strings and truncates decimals on long fields, takes boolean strings, and dotted keys as paths", () => {
    expect(conform({ ...base, process: { pid: "123", parent: { pid: 12.9 } } })).toMatchObject({ ok: true, event: { process: { pid: 123, parent: { pid: 12 } } } });
    expect(conform({ ...base, "process.pid": " 99 " })).toMatchObject({ ok: true, event: { "process.pid": 99 } });
    expect(conform({ ...base, process: { interactive: "false" } })).toMatchObject({ ok: true, event: { process: { interactive: false } } });
    expect(conform({ ...base, source: { ip: "::1" }, destination: { port: "443" } })).toMatchObject({ ok: true, event: { source: { ip: "::1" }, destination: { port: 443 } } });
  });

  it("refuses what Elasticsearch refuses, naming the field", () => {
    const reason = (doc: Record<string, unknown>) => {
      const r = conform(doc);
      return r.ok ? "accepted" : r.reason;
    };
    expect(reason({ ...base, process: { args: { first: "kubectl" } } })).toMatch(/^failed to parse field \[process\.args\] of type \[keyword\]: an object where a keyword is mapped/);
    expect(reason({ ...base, process: "kubectl" })).toBe("object mapping for [process] tried to parse field [process] as object, but found a concrete value");
    expect(reason({ ...base, process: { pid: "twelve" } })).toMatch(/^failed to parse field \[process\.pid\] of type \[long\]: not a number/);
    expect(reason({ ...base, host: { ip: ["10.0.0.1", "not-an-ip"] } })).toMatch(/^failed to parse field \[host\.ip\] of type \[ip\]/);
    expect(reason({ ...base, process: { interactive: "yes" } })).toMatch(/\[process\.interactive\] of type \[boolean\]/);
    expect(reason({ ...base, process: { start: "last tuesday" } })).toMatch(/\[process\.start\] of type \[date\]/);
  });

  it("leaves fields ECS does not define alone, and multi-fields are no paths", () => {
    expect(conform({ ...base, custom: { anything: { at: ["all", 1] } }, process: { "command_line.text": { x: 1 } } }).ok).toBe(true);
  });

  it("never changes the document as received: the stored bytes and the identity hash stay as sent", () => {
    const received = { ...base, process: { args: "ls -la", pid: "10", name: "ls" } };
    const before = JSON.stringify(received);
    const r = conformToEcsMapping(received);
    expect(r.ok && r.event).not.toBe(received);
    expect(JSON.stringify(received)).toBe(before);
    const same = { ...base, process: { args: ["ls"], pid: 10 } };
    expect(conformToEcsMapping(same)).toEqual({ ok: true, event: same });
    expect((conformToEcsMapping(same) as { event: unknown }).event).toBe(same);
  });

  it("is what ingest applies: an event with process.args as one string and a numeric-string pid is taken, its document kept as sent", () => {
    const raw = JSON.stringify({ ...base, process: { name: "kubectl", args: "kubectl get pods --as=admin", pid: "4101" } });
    const p = prepareEvent({ index: 0, doc: JSON.parse(raw), raw });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.event).toMatchObject({ process: { args: ["kubectl get pods --as=admin"], pid: 4101 } });
    expect(p.value.row.received).toBe(raw);
    const refused = prepareEvent({ index: 0, doc: { ...base, process: { args: { a: 1 } } } });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/process\.args/) });
  });
});
