/**
 * A field mapped as `date` compares instants, as Elasticsearch's term and range queries on a date
 * field do: the literal is parsed with the field's format (or as ISO 8601 / epoch milliseconds) and
 * compared with each value of the field parsed the same way.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";

const mapping = {
  properties: {
    "@timestamp": { type: "date" },
    event: { properties: { category: { type: "keyword" }, created: { type: "date", format: "dd-MM-yyyy HH:mm:ss||epoch_millis" } } },
    note: { type: "keyword" },
  },
};
const at = Date.UTC(2017, 7, 30, 20, 47, 33);
const holds = (query: string, e: Record<string, unknown>) => {
  const q = compileQuery(`any where ${query}`, { mapping });
  if (q.kind !== "event") throw new Error("event query");
  return q.filter.matches(e);
};

describe("fields mapped as dates", () => {
  it("meet an ISO 8601 literal at the same instant whatever the stored form", () => {
    expect(holds('@timestamp == "2017-08-30T20:47:33Z"', { "@timestamp": at })).toBe(true);
    expect(holds('@timestamp == "2017-08-30T20:47:33.000Z"', { "@timestamp": String(at) })).toBe(true);
    expect(holds('@timestamp == "2017-08-30T22:47:33+02:00"', { "@timestamp": "2017-08-30T20:47:33Z" })).toBe(true);
    expect(holds(`@timestamp == ${at}`, { "@timestamp": "2017-08-30T20:47:33Z" })).toBe(true);
    expect(holds('@timestamp == "2017-08-30T20:47:34Z"', { "@timestamp": at })).toBe(false);
  });

  it("order as instants in ranges, with the literal on either side", () => {
    const e = { "@timestamp": at };
    expect(holds('@timestamp > "2017-08-30T20:00:00Z" and @timestamp < "2017-08-30T21:00:00Z"', e)).toBe(true);
    expect(holds('"2017-08-30T21:00:00Z" > @timestamp', e)).toBe(true);
    expect(holds('@timestamp >= "2017-08-30T20:47:33Z" and @timestamp <= "2017-08-30T20:47:33Z"', e)).toBe(true);
    expect(holds('@timestamp < "2017-08-30T20:47:33Z"', e)).toBe(false);
  });

  it("use the mapping's format, and != is must_not", () => {
    expect(holds('event.created == "30-08-2017 20:47:33"', { event: { created: at } })).toBe(true);
    expect(holds('event.created == "30-08-2017 20:47:33"', { event: { created: "30-08-2017 20:47:33" } })).toBe(true);
    expect(holds('@timestamp != "2017-08-30T20:47:33Z"', { "@timestamp": at })).toBe(false);
    expect(holds('@timestamp != "2017-08-30T20:47:33Z"', {})).toBe(true);
  });

  it("leave unmapped and keyword fields compared as written", () => {
    expect(holds('note == "2017-08-30T20:47:33Z"', { note: at })).toBe(false);
    expect(holds('note == "2017-08-30T20:47:33Z"', { note: "2017-08-30T20:47:33Z" })).toBe(true);
  });
});
