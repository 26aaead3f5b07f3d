/**
 * Authentication with better-auth (sessions in PostgreSQL through Prisma, username + password,
 * scrypt hashes). Created on first use so that importing it needs no database (Next.js build).
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { db } from "../db/client";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

function createAuth() {
  return betterAuth({
    appName: "Vigil",
    baseURL: process.env.VIGIL_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    secret: process.env.BETTER_AUTH_SECRET ?? process.env.VIGIL_SECRET,
    database: prismaAdapter(db(), { provider: "postgresql" }),
    // Accounts are created by admins (and the first start), never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", defaultValue: "viewer", input: false } } },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    trustedOrigins: (request) => (request ? [new URL(request.url).origin] : []),
    telemetry: { enabled: false },
    // Sign-in attempts per IP per minute (VIGIL_SIGNIN_RATE_LIMIT; default 10): slows password guessing.
    rateLimit: { customRules: { "/sign-in/username": { window: 60, max: Number(process.env.VIGIL_SIGNIN_RATE_LIMIT) || 10 } } },
    plugins: [username(), nextCookies()],
  });
}

export type VigilAuth = ReturnType<typeof createAuth>;

const cache = globalThis as unknown as { vigilAuth?: VigilAuth; vigilAuthUrl?: string };

/** The better-auth instance for the current DATABASE_URL. */
export function auth(): VigilAuth {
  const url = process.env.DATABASE_URL;
  if (!cache.vigilAuth || cache.vigilAuthUrl !== url) {
    cache.vigilAuth = createAuth();
    cache.vigilAuthUrl = url;
  }
  return cache.vigilAuth;
}
