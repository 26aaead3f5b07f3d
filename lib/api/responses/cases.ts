/** The cases API's answers: `/api/v1/cases` and what hangs off a case (alerts, comments, observables, push). */
import { z } from "zod";
import { zJson, zTime, zTimeOrNull } from "./common";

/** A case as listed (no alerts or timeline: those are in the full case). */
export const ZCaseRow = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.string(),
  status: z.string(),
  tags: z.array(z.string()),
  createdBy: z.string(),
  createdAt: zTime,
  updatedAt: zTime,
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  lastPushedAt: zTimeOrNull,
});
export const ZCaseList = z.object({ cases: z.array(ZCaseRow.extend({ alert_count: z.number().int(), assignee: z.string().nullable() })) });
export const ZCaseCreated = z.object({ case: ZCaseRow });

/** The full case (`GET /api/v1/cases/{id}`, the JSON export). */
export const ZCaseJson = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.string(),
  status: z.string(),
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: z.string(),
  alerts: z.array(
    z.object({
      id: z.string(),
      rule: z.object({ id: z.string(), name: z.string() }),
      severity: z.string(),
      host: z.string().nullable(),
      user: z.string().nullable(),
      command_line: z.string().nullable(),
      event_time: z.string(),
    }),
  ),
  observables: z.array(z.object({ type: z.string(), value: z.string(), source: z.string() })),
  attack: zJson,
  comments: z.array(z.object({ author: z.string(), body: z.string(), at: z.string() })),
  timeline: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), detail: zJson })),
});

export const ZAlertsAdded = z.object({ added: z.number().int() });
export const ZCommentAdded = z.object({ comment: z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: zTime }) });
export const ZObservableAdded = z.object({ observable: z.object({ id: z.string(), type: z.string(), value: z.string(), source: z.string() }) });
export const ZObservableRemoved = z.object({ removed: z.string() });
export const ZPushResult = z.object({ result: z.enum(["created", "updated"]), external_id: z.string(), external_url: z.string().nullable(), comments_sent: z.number().int() });
