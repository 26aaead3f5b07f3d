/**
 * Who is calling: a signed-in user (session cookie) or an API key (`Authorization: ApiKey …`), with
 * the client's address as this server saw it (forwarding headers count only from trusted proxies;
 * see lib/http/client-address.ts).
 */
import { verifyApiKey, type ApiKeyScope } from "../api-keys/api-keys";
import type { Actor } from "../audit/actor";
import { hasRole, sessionUser, type Role, type SessionUser } from "../auth";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { AppError } from "./app-error";

export type Principal =
  | { kind: "user"; user: SessionUser; ip: string | null }
  | { kind: "apiKey"; id: string; name: string; scopes: string[]; ip: string | null };

/** Who may call a route: the weakest role for a signed-in user, and the scope an API key needs (none: keys are refused). */
export interface Access {
  role: Role;
  scope?: ApiKeyScope;
  /** Also take `Authorization: Basic` whose password is an API key (any user name): shippers such as rsyslog have only that. */
  basic?: boolean;
}

/** The key part of an Elasticsearch-style credential, base64("id:key"), or null. */
function esApiKeySecret(token: string, emptyUser = false): string | null {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= (emptyUser ? 0 : 1) && /^[\x20-\x7e]+$/.test(decoded) ? decoded.slice(colon + 1) : null;
}

/** The client's address, as the server in front of Next set it. */
export const clientAddress = (headers: Headers): string | null => headers.get(CLIENT_ADDRESS_HEADER);

/** Authenticates and authorises a request, or throws 401/403. */
export async function authenticate(req: Request, access: Access): Promise<Principal> {
  const ip = clientAddress(req.headers);
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^(ApiKey|Basic)\s+(\S+)$/i.exec(header);
    const basic = m?.[1].toLowerCase() === "basic";
    if (!m || (basic && !access.basic)) throw new AppError("unauthorized", access.basic ? "Authorization must be 'ApiKey <key>' or Basic with an API key as the password" : "Authorization must be 'ApiKey <key>'");
    // Elasticsearch clients send ApiKey base64("id:key"); Vigil's own clients send the key itself;
    // Basic is base64("user:password") with the key as the password.
    const secret = basic ? (esApiKeySecret(m[2], true) ?? "") : m[2];
    const key = (await verifyApiKey(secret)) ?? (basic ? null : await verifyApiKey(esApiKeySecret(m[2]) ?? ""));
    if (!key) throw new AppError("unauthorized", "unknown or revoked API key");
    if (!access.scope || !key.scopes.includes(access.scope)) throw new AppError("forbidden", `this API key lacks the '${access.scope ?? "session"}' scope`);
    return { kind: "apiKey", ...key, ip };
  }
  const user = await sessionUser(req.headers);
  if (!user) throw new AppError("unauthorized", "sign in or send an API key");
  if (!hasRole(user.role, access.role)) throw new AppError("forbidden", `this needs the ${access.role} role`);
  return { kind: "user", user, ip };
}

/** Who acted, for the audit log and timelines. */
export function actorOf(p: Principal): Actor {
  return p.kind === "user"
    ? { kind: "user", id: p.user.id, name: p.user.username, ip: p.ip }
    : { kind: "api_key", id: p.id, name: `api key ${p.name}`, ip: p.ip };
}
