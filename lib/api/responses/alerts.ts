/** The alerts API's answers: `GET/PATCH /api/v1/alerts[/{id}]` and the response checklist. */
import { z } from "zod";
import { zJson } from "./common";

export const ZAlertJson = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string(), severity: z.string(), risk_score: z.number(), version: z.number(), threat: zJson }),
  status: z.string(),
  close_reason: z.string().nullable(),
  assignee: z.object({ id: z.string(), username: z.string() }).nullable(),
  host: z.string().nullable(),
  user: z.string().nullable(),
  process: z.object({ name: z.string().nullable(), entity_id: z.string().nullable(), command_line: z.string().nullable() }),
  event_ids: z.array(z.string()),
  event_time: z.string(),
  explanation: zJson,
  reconstructed: z.array(z.string()),
  suppressed: z.object({ count: z.number().int(), first: z.string().nullable(), last: z.string().nullable() }),
  created_at: z.string(),
  updated_at: z.string(),
});

export const ZAlertPage = z.object({ alerts: z.array(ZAlertJson), next_cursor: z.string().nullable() });
export const ZAlertsUpdated = z.object({ updated: z.number().int() });
export const ZChecklist = z.object({
  checklist: z.array(z.object({ step: z.number().int(), checked_by: z.string().nullable(), checked_at: z.string() })),
});
