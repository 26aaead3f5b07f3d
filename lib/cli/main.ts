import { parseArgs } from "node:util";
import { EqlError, EqlRunError } from "../eql";
import { detectCommand } from "./detect-command";
import { eqlCommand } from "./eql-command";
import { InputError } from "./read-events";
import { rulesImportCommand } from "./rules-command";

const USAGE = `usage:
  vigil eql '<query>' [--data FILE] [--category-field F] [--timestamp-field F] [--tiebreaker-field F] [--mapping FILE] [--strict]
  vigil detect [--rules PATH]... [--data FILE]
  vigil rules import [--strict] PATH...   (into the database at DATABASE_URL, or the embedded one)
Events are a JSON array or NDJSON, from FILE or standard input.`;

/** Runs the command line; returns the process exit code (a promise for commands that use the database). */
export function main(argv: string[], out = (s: string) => process.stdout.write(s + "\n"), err = (s: string) => process.stderr.write(s + "\n")): number | Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "eql") {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          data: { type: "string" },
          "category-field": { type: "string" },
          "timestamp-field": { type: "string" },
          "tiebreaker-field": { type: "string" },
          mapping: { type: "string" },
          strict: { type: "boolean" },
        },
      });
      if (positionals.length !== 1) {
        err(USAGE);
        return 2;
      }
      eqlCommand(
        {
          query: positionals[0],
          data: values.data,
          categoryField: values["category-field"],
          timestampField: values["timestamp-field"],
          tiebreakerField: values["tiebreaker-field"],
          mapping: values.mapping,
          strict: values.strict,
        },
        out,
      );
      return 0;
    }
    if (command === "detect") {
      const { values } = parseArgs({ args: rest, options: { rules: { type: "string", multiple: true }, data: { type: "string" } } });
      return detectCommand({ rules: values.rules ?? [], data: values.data }, out, err);
    }
    if (command === "rules" && rest[0] === "import") return rulesImportCommand(rest.slice(1), out, err);
    err(command === undefined || command === "help" || command === "--help" ? USAGE : `unknown command '${command}'\n${USAGE}`);
    return command === "help" || command === "--help" ? 0 : 2;
  } catch (e) {
    if (e instanceof EqlError) err(`${e.line}:${e.column} ${e.reason}\n${e.excerpt}`);
    else if (e instanceof EqlRunError || e instanceof InputError || (e instanceof Error && e.name === "TypeError" && "code" in e)) err(e.message);
    else throw e;
    return 2;
  }
}
