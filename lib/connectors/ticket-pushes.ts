/** The pushes that reached a ticket: per case and connector, the latest one names that connector's ticket for the case. */
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db/client";

export const REACHED_TICKET = { result: { in: ["created", "updated"] }, externalId: { not: null } } satisfies Prisma.CasePushWhereInput;

/** The latest push that reached a ticket for each case and connector matching `where`, with its connector. */
export function latestTicketPushes(where: Prisma.CasePushWhereInput) {
  return db().casePush.findMany({ where: { ...REACHED_TICKET, ...where }, orderBy: { at: "desc" }, distinct: ["caseId", "connectorId"], include: { connector: true } });
}
