import type { z } from "zod";

/** A rule file or record that could not be turned into a Rule; names the source and the reason. */
export class RuleLoadError extends Error {
  /** The line of the file it is about, when known. */
  line?: number;
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = "RuleLoadError";
  }
}

/** One readable line from a zod error: the first issues with their paths. */
export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}
