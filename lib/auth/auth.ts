/**
 * Authentication with better-auth (sessions in PostgreSQL through Prisma, username + password,
 * scrypt hashes). Created on first use so that importing it needs no database (Next.js build).
 */
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { config, publicUrl } from "../config";
import { db } from "../db/client";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

function createAuth() {
  const c = config();
  return betterAuth({
    appName: "Vigil",
    baseURL: publicUrl(c),
    secret: c.BETTER_AUTH_SECRET ?? c.VIGIL_SECRET,
    database: prismaAdapter(db(), { provider: "postgresql" }),
    // Accounts are created by admins (and the first start), never by self sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", defaultValue: "viewer", input: false }, banned: { type: "boolean", defaultValue: false, input: false } } },
    // A disabled account (banned) gets no session, whatever its password.
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const u = await db().user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (u?.banned) throw new APIError("FORBIDDEN", { message: "this account is disabled" });
          },
        },
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    trustedOrigins: (request) => (request ? [new URL(request.url).origin] : []),
    telemetry: { enabled: false },
    // Sign-in attempts per client address per minute (VIGIL_SIGNIN_RATE_LIMIT; default 10). The
    // address is the one scripts/serve.ts decided (forwarding headers count only from trusted
    // proxies); lib/auth/sign-in-throttle.ts adds growing delays per account and per address.
    rateLimit: { enabled: true, customRules: { "/sign-in/username": { window: 60, max: c.VIGIL_SIGNIN_RATE_LIMIT } } },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
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
