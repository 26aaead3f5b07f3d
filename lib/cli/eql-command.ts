import { readFileSync } from "node:fs";
import { compileQuery, runQuery } from "../eql";
import { InputError, readEvents } from "./read-events";

export interface EqlCommandArgs {
  query: string;
  data?: string;
  categoryField?: string;
  timestampField?: string;
  tiebreakerField?: string;
  mapping?: string;
  strict?: boolean;
}

/** `vigil eql`: runs one query and writes one JSON line per match. */
export function eqlCommand(args: EqlCommandArgs, write: (line: string) => void): void {
  let mapping: unknown;
  if (args.mapping) {
    try {
      mapping = JSON.parse(readFileSync(args.mapping, "utf8"));
    } catch (err) {
      throw new InputError(`${args.mapping}: cannot read mapping: ${(err as Error).message}`);
    }
  }
  const query = compileQuery(args.query, {
    categoryField: args.categoryField,
    timestampField: args.timestampField,
    tiebreakerField: args.tiebreakerField,
    mapping,
    strict: args.strict,
  });
  const events = readEvents(args.data);
  for (const r of runQuery(query, events, { explain: false })) {
    write(JSON.stringify(r.kind === "event" ? r.event : { join_keys: r.joinKeys, events: r.events }));
  }
}
