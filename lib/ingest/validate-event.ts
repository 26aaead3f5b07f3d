import { z } from "zod";
import { conformToEcsMapping } from "./mapping/ecs-mapping";

const MAX_DEPTH = 32;
/**
 * Fields (object keys, at every level) in one event. Elasticsearch refuses documents that would
 * grow an index past `index.mapping.total_fields.limit` (1,000 by default); a Beats event has a
 * few hundred. The limit keeps one wide document from costing the server its memory.
 */
export const MAX_FIELDS = 5000;

/** Nesting depth (up to the limit + 1) and keys counted so far (up to MAX_FIELDS + 1): no further, a document beyond either is refused anyway. */
function measure(v: unknown, d: number, seen: { keys: number }): number {
  if (d > MAX_DEPTH || seen.keys > MAX_FIELDS || v === null || typeof v !== "object") return d;
  let max = d;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === "object") max = Math.max(max, measure(x, d + 1, seen));
      else if (max === d) max = d + 1;
    }
  } else {
    for (const k in v as Record<string, unknown>) {
      if (++seen.keys > MAX_FIELDS) break;
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === "object") max = Math.max(max, measure(x, d + 1, seen));
      else if (max === d) max = d + 1;
    }
  }
  return max;
}

const timestamp = z
  .union([z.string(), z.number()], {
    // Events are ordered by one instant: Elasticsearch's EQL refuses a search over a multi-valued timestamp.
    error: (issue) => (Array.isArray(issue.input) ? `has ${issue.input.length} values; an event happens at one instant` : "must be an ISO 8601 date or epoch milliseconds"),
  })
  .refine((v) => !Number.isNaN(typeof v === "number" ? v : Date.parse(v)), "must be an ISO 8601 date or epoch milliseconds");
const stringOrStrings = z.union([z.string(), z.array(z.string())]);

/**
 * What an ECS event must look like to be accepted. Only the fields Vigil reads are checked; the
 * schema strips the rest from its (unused) output, which costs far less than copying every field
 * through — the document itself is kept as sent.
 */
export const ZEcsEvent = z
  .object({
    "@timestamp": timestamp,
    event: z
      .object({ id: z.string().max(512).optional(), category: stringOrStrings.optional(), type: stringOrStrings.optional(), action: z.string().optional() })
      .optional(),
    host: z.object({ name: z.string().max(1024).optional(), id: z.string().max(1024).optional() }).optional(),
    process: z
      .object({
        pid: z.number().int().nonnegative().optional(),
        name: z.string().optional(),
        args: z.array(z.string()).optional(),
        command_line: z.string().optional(),
        entity_id: z.string().optional(),
        parent: z.object({ pid: z.number().int().nonnegative().optional(), entity_id: z.string().optional() }).optional(),
      })
      .optional(),
  });

export type TEcsEvent = z.infer<typeof ZEcsEvent>;

/** Validates one document; returns the event or a reason naming the field. */
export function validateEvent(doc: unknown): { ok: true; event: Record<string, unknown> } | { ok: false; reason: string } {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return { ok: false, reason: "an event must be a JSON object" };
  // On the document itself: the schema's output holds only the fields it checks.
  const seen = { keys: 0 };
  if (measure(doc, 0, seen) > MAX_DEPTH) return { ok: false, reason: `event: nesting deeper than ${MAX_DEPTH} levels` };
  if (seen.keys > MAX_FIELDS) return { ok: false, reason: `event: more than ${MAX_FIELDS} fields` };
  // As Elasticsearch's ECS mapping takes it: coerced (a copy where anything changes), or refused naming the field.
  const mapped = conformToEcsMapping(doc as Record<string, unknown>);
  if (!mapped.ok) return mapped;
  const r = ZEcsEvent.safeParse(mapped.event);
  if (r.success) return { ok: true, event: mapped.event };
  const i = r.error.issues[0];
  return { ok: false, reason: `${i.path.length ? i.path.join(".") : "event"}: ${i.message}` };
}
