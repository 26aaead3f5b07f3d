/**
 * The wrapper every API route handler uses: authentication (session cookie or
 * `Authorization: ApiKey <key>`), role or scope checks on the server, and error → response mapping.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { verifyApiKey, type ApiKeyScope } from "../api-keys/api-keys";
import { hasRole, sessionUser, type Role, type SessionUser } from "../auth";
import { discardBody } from "../ingest/discard-body";
import { AppError, errorResponseBody } from "./app-error";

export type Principal =
  | { kind: "user"; user: SessionUser }
  | { kind: "apiKey"; id: string; name: string; scopes: string[] };

export interface RouteOptions {
  /** Minimum role for a signed-in user. */
  role: Role;
  /** Scope an API key needs; without it, API keys are refused. */
  scope?: ApiKeyScope;
}

type Handler<P> = (req: Request, ctx: { principal: Principal; params: P }) => Promise<Response>;

/** The key part of an Elasticsearch-style credential, base64("id:key"), or null. */
function esApiKeySecret(token: string): string | null {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 && /^[\x20-\x7e]+$/.test(decoded) ? decoded.slice(colon + 1) : null;
}

async function authenticate(req: Request, options: RouteOptions): Promise<Principal> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^ApiKey\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError("unauthorized", "Authorization must be 'ApiKey <key>'");
    // Elasticsearch clients send ApiKey base64("id:key"); Vigil's own clients send the key itself.
    const key = (await verifyApiKey(m[1])) ?? (await verifyApiKey(esApiKeySecret(m[1]) ?? ""));
    if (!key) throw new AppError("unauthorized", "unknown or revoked API key");
    if (!options.scope || !key.scopes.includes(options.scope)) throw new AppError("forbidden", `this API key lacks the '${options.scope ?? "session"}' scope`);
    return { kind: "apiKey", ...key };
  }
  const user = await sessionUser(req.headers);
  if (!user) throw new AppError("unauthorized", "sign in or send an API key");
  if (!hasRole(user.role, options.role)) throw new AppError("forbidden", `this needs the ${options.role} role`);
  return { kind: "user", user };
}

/** Wraps a handler with authentication, authorisation and error mapping. */
export function withRoute<P = Record<string, never>>(options: RouteOptions, handler: Handler<P>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = await authenticate(req, options);
      return await handler(req, { principal, params: await context.params });
    } catch (err) {
      if (err instanceof z.ZodError) {
        const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return NextResponse.json({ error: { code: "bad_request", message: issues.map((i) => `${i.path || "body"}: ${i.message}`).join("; "), details: issues } }, { status: 400 });
      }
      const { status, body } = errorResponseBody(err);
      if (status === 500) console.error(err);
      // Refused before its body was read (size, type, auth, capacity): read it off so the client gets this answer.
      await discardBody(req);
      return NextResponse.json(body, { status, headers: err instanceof AppError ? err.headers : undefined });
    }
  };
}

/** Who acted, for audit trails: a user, or an API key by name. */
export function actorOf(p: Principal): { id: string | null; name: string } {
  return p.kind === "user" ? { id: p.user.id, name: p.user.username } : { id: null, name: `api key ${p.name}` };
}
