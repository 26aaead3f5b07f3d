/** Cases: create from alerts, add alerts, change, comment — each recorded on the case's timeline. */
import { z } from "zod";
import { AppError } from "../api/app-error";
import { db } from "../db/client";
import { DOCUMENT_REF, eventDocuments } from "../events/event-documents";
import type { Prisma } from "../generated/prisma/client";
import { SEVERITIES } from "../rules";
import { extractObservables } from "./extract-observables";

type Tx = Prisma.TransactionClient;
export const CASE_STATUSES = ["open", "in_progress", "closed"] as const;

export const ZNewCase = z
  .object({
    alertIds: z.array(z.string().uuid()).min(1, "a case starts from at least one alert").max(1000),
    title: z.string().trim().min(1).max(300).optional(),
    description: z.string().max(100_000).default(""),
    severity: z.enum(SEVERITIES).optional(),
    tags: z.array(z.string().min(1).max(100)).max(50).default([]),
  })
  .strict();

export const ZCasePatch = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().max(100_000),
    severity: z.enum(SEVERITIES),
    status: z.enum(CASE_STATUSES),
    assignee: z.string().min(1).max(128).nullable(),
    tags: z.array(z.string().min(1).max(100)).max(50),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));

/** Links alerts to the case and gathers their observables; returns how many alerts were new. */
async function attachAlerts(tx: Tx, caseId: string, alertIds: string[]): Promise<number> {
  const alerts = await tx.alert.findMany({ where: { id: { in: alertIds } }, select: { id: true, eventIds: true } });
  if (alerts.length !== new Set(alertIds).size) throw new AppError("bad_request", "alertIds: some alerts do not exist");
  const { count } = await tx.caseAlert.createMany({ data: alerts.map((a) => ({ caseId, alertId: a.id })), skipDuplicates: true });
  const events = await tx.event.findMany({ where: { id: { in: alerts.flatMap((a) => a.eventIds) } }, select: DOCUMENT_REF });
  const observables = extractObservables([...(await eventDocuments(events)).values()].map((d) => d.doc));
  await tx.caseObservable.createMany({ data: observables.map((o) => ({ caseId, ...o })), skipDuplicates: true });
  return count;
}

export async function createCase(input: z.infer<typeof ZNewCase>, actor: string) {
  return db().$transaction(async (tx) => {
    const alerts = await tx.alert.findMany({ where: { id: { in: input.alertIds } }, orderBy: { eventTimestamp: "asc" } });
    if (alerts.length === 0) throw new AppError("bad_request", "alertIds: no such alerts");
    const severity = input.severity ?? alerts.map((a) => a.severity).sort((a, b) => (RANK[b] ?? 0) - (RANK[a] ?? 0))[0];
    const title = input.title ?? `${alerts[0].ruleName} on ${alerts[0].hostName ?? "unknown host"}${alerts.length > 1 ? ` (+${alerts.length - 1} alerts)` : ""}`;
    const row = await tx.case.create({ data: { title, description: input.description, severity, tags: input.tags, createdBy: actor } });
    const added = await attachAlerts(tx, row.id, input.alertIds);
    await tx.caseTimeline.createMany({
      data: [
        { caseId: row.id, actor, action: "created", detail: { title } },
        { caseId: row.id, actor, action: "alerts_added", detail: { count: added, alertIds: input.alertIds } },
      ],
    });
    return row;
  });
}

export async function addAlertsToCase(caseId: string, alertIds: string[], actor: string): Promise<number> {
  return db().$transaction(async (tx) => {
    if (!(await tx.case.findUnique({ where: { id: caseId }, select: { id: true } }))) throw new AppError("not_found", "no such case");
    const added = await attachAlerts(tx, caseId, alertIds);
    await tx.caseTimeline.create({ data: { caseId, actor, action: "alerts_added", detail: { count: added, alertIds } } });
    await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
    return added;
  });
}

export async function updateCase(caseId: string, patch: z.infer<typeof ZCasePatch>, actor: string) {
  return db().$transaction(async (tx) => {
    const before = await tx.case.findUnique({ where: { id: caseId } });
    if (!before) throw new AppError("not_found", "no such case");
    let assigneeId: string | null | undefined;
    if (patch.assignee !== undefined) {
      if (patch.assignee === null) assigneeId = null;
      else {
        const u = await tx.user.findUnique({ where: { username: patch.assignee.toLowerCase() } });
        if (!u) throw new AppError("bad_request", `assignee: no user '${patch.assignee}'`);
        assigneeId = u.id;
      }
    }
    const { assignee: _assignee, ...fields } = patch;
    const row = await tx.case.update({ where: { id: caseId }, data: { ...fields, ...(assigneeId !== undefined ? { assigneeId } : {}) } });
    await tx.caseTimeline.create({ data: { caseId, actor, action: "updated", detail: patch as object } });
    return row;
  });
}

export async function addComment(caseId: string, body: string, actor: string) {
  return db().$transaction(async (tx) => {
    if (!(await tx.case.findUnique({ where: { id: caseId }, select: { id: true } }))) throw new AppError("not_found", "no such case");
    const comment = await tx.caseComment.create({ data: { caseId, author: actor, body } });
    await tx.caseTimeline.create({ data: { caseId, actor, action: "commented", detail: { commentId: comment.id } } });
    return comment;
  });
}

/** A case with everything the page, the API and the exports show; ATT&CK comes from its alerts' rules. */
export async function loadCase(caseId: string) {
  const c = await db().case.findUnique({
    where: { id: caseId },
    include: {
      assignee: { select: { username: true } },
      alerts: { include: { alert: true }, orderBy: { addedAt: "asc" } },
      comments: { orderBy: { createdAt: "asc" } },
      observables: { orderBy: [{ type: "asc" }, { value: "asc" }] },
      timeline: { orderBy: { at: "asc" } },
    },
  });
  if (!c) return null;
  const tactics = new Map<string, string>();
  const techniques = new Map<string, string>();
  // Each technique with the tactic the rule maps it under (one technique may serve several tactics).
  const procedures = new Map<string, { technique: string; tactic: string }>();
  for (const { alert } of c.alerts) {
    for (const t of alert.threat as { tactic: { id: string; name: string }; techniques: { id: string; name: string; subtechniques: { id: string; name: string }[] }[] }[]) {
      tactics.set(t.tactic.id, t.tactic.name);
      for (const tech of t.techniques) {
        for (const { id, name } of [tech, ...tech.subtechniques]) {
          techniques.set(id, name);
          procedures.set(`${id} ${t.tactic.id}`, { technique: id, tactic: t.tactic.name });
        }
      }
    }
  }
  return {
    ...c,
    attack: { tactics: [...tactics].map(([id, name]) => ({ id, name })), techniques: [...techniques].map(([id, name]) => ({ id, name })), procedures: [...procedures.values()] },
  };
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

export const OBSERVABLE_TYPES = ["user", "host", "executable", "args", "parent", "ip", "hash"] as const;
export const ZNewObservable = z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string().trim().min(1).max(4096) }).strict();

/** Adds an observable by hand (source manual). */
export async function addObservable(caseId: string, o: z.infer<typeof ZNewObservable>, actor: string) {
  return db().$transaction(async (tx) => {
    if (!(await tx.case.findUnique({ where: { id: caseId }, select: { id: true } }))) throw new AppError("not_found", "no such case");
    const row = await tx.caseObservable.upsert({ where: { caseId_type_value: { caseId, ...o } }, create: { caseId, ...o, source: "manual" }, update: {} });
    await tx.caseTimeline.create({ data: { caseId, actor, action: "observable_added", detail: o } });
    return row;
  });
}

export async function removeObservable(caseId: string, observableId: string, actor: string) {
  return db().$transaction(async (tx) => {
    const o = await tx.caseObservable.findFirst({ where: { id: observableId, caseId } });
    if (!o) throw new AppError("not_found", "no such observable on this case");
    await tx.caseObservable.delete({ where: { id: o.id } });
    await tx.caseTimeline.create({ data: { caseId, actor, action: "observable_removed", detail: { type: o.type, value: o.value } } });
  });
}
