import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Alert } from "../generated/prisma/client";

/**
 * Columns left out of every query unless one selects them: an alert's source events are ~1–2 kB
 * per alert, and only exception matching reads them.
 */
const OMIT = { alert: { sourceEvents: true } } as const;

/** An alert as queries return it unless they select more. */
export type AlertRecord = Omit<Alert, keyof (typeof OMIT)["alert"]>;

const createClient = (url: string) => new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), omit: OMIT });
type VigilPrisma = ReturnType<typeof createClient>;

const cache = globalThis as unknown as { vigilPrisma?: VigilPrisma; vigilPrismaUrl?: string };

/** The shared Prisma client. Created on first use, so importing this module needs no database. */
export function db(): VigilPrisma {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it, or starts an embedded PostgreSQL)");
  if (!cache.vigilPrisma || cache.vigilPrismaUrl !== url) {
    cache.vigilPrisma = createClient(url);
    cache.vigilPrismaUrl = url;
  }
  return cache.vigilPrisma;
}

export type { VigilPrisma as PrismaClient };
