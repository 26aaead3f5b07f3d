import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

const cache = globalThis as unknown as { vigilPrisma?: PrismaClient; vigilPrismaUrl?: string };

/** The shared Prisma client. Created on first use, so importing this module needs no database. */
export function db(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it, or starts an embedded PostgreSQL)");
  if (!cache.vigilPrisma || cache.vigilPrismaUrl !== url) {
    cache.vigilPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    cache.vigilPrismaUrl = url;
  }
  return cache.vigilPrisma;
}

export type { PrismaClient };
