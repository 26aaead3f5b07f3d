/** Answers of rule previews and back-fills. */
import { z } from "zod";
import { zJson, zTime, zTimeOrNull } from "./common";

export const ZRulePreview = z.object({
  rule: z.object({ id: z.string().nullable(), rule_id: z.string(), name: z.string(), index: z.array(z.string()) }),
  from: zTime,
  to: zTime,
  matches: z.array(
    z.object({
      event_ids: z.array(z.string()),
      event_time: zTime,
      host: z.string().nullable(),
      user: z.string().nullable(),
      process: z.string().nullable(),
      command_line: z.string().nullable(),
      join_keys: zJson,
      explanation: zJson,
    }),
  ),
  matches_total: z.number().int(),
  silenced_by_exceptions: z.number().int(),
  events_scanned: z.number().int(),
  took_ms: z.number().int(),
  events_per_second: z.number().int(),
});

export const ZRuleRunJson = z.object({
  id: z.string(),
  ruleId: z.string(),
  from: zTime,
  to: zTime,
  status: z.string(),
  total: z.number().int(),
  scanned: z.number().int(),
  matched: z.number().int(),
  created: z.number().int(),
  suppressed: z.number().int(),
  silenced: z.number().int(),
  error: z.string().nullable(),
  actorName: z.string(),
  startedAt: zTime,
  finishedAt: zTimeOrNull,
});
export const ZRuleRunStarted = z.object({ run: ZRuleRunJson });
export const ZRuleRuns = z.object({ runs: z.array(ZRuleRunJson) });
