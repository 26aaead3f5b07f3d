// /api/auth/* — better-auth's endpoints, limited to what Vigil's pages use: sign-in with username
// and password, sign-out, the session. Accounts are managed through /api/v1/users (admins), so the
// self-service endpoints (sign-up, update-user, change-email…) are not exposed; sign-in checks the
// Origin like every other cookie mutation (login CSRF), waits out growing delays after failures per
// account and per address (lib/auth/sign-in-throttle.ts), and every sign-in, failed or not, and
// every sign-out is in the audit log with the client's address.
import { toNextJsHandler } from "better-auth/next-js";
import { AppError } from "@/lib/api/app-error";
import { clientAddress } from "@/lib/api/principal";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { errorResponse } from "@/lib/api/with-route";
import { recordAudit } from "@/lib/audit/audit-log";
import { auth, sessionUser } from "@/lib/auth";
import { SignInThrottle } from "@/lib/auth/sign-in-throttle";
import { readWholeBody } from "@/lib/http/body-reader";

export const dynamic = "force-dynamic";

const EXPOSED = { GET: ["get-session"], POST: ["sign-in/username", "sign-out"] } as const;
const cache = globalThis as unknown as { vigilSignInThrottle?: { account: SignInThrottle; address: SignInThrottle } };
const throttles = () => (cache.vigilSignInThrottle ??= { account: new SignInThrottle({ free: 5 }), address: new SignInThrottle({ free: 20 }) });

function endpoint(req: Request): string {
  return new URL(req.url).pathname.replace(/^\/api\/auth\/?/, "").replace(/\/+$/, "");
}

async function signIn(req: Request): Promise<Response> {
  const text = (await readWholeBody(req, { maxBytes: 16 * 1024 })).toString("utf8");
  let username = "";
  try {
    const u = (JSON.parse(text) as { username?: unknown }).username;
    if (typeof u === "string") username = u.trim().toLowerCase().slice(0, 128);
  } catch {
    // better-auth answers the malformed body
  }
  const ip = clientAddress(req.headers);
  const keys = { account: `user:${username}`, address: `ip:${ip ?? "unknown"}` };
  const { account, address } = throttles();
  const wait = Math.max(account.waitMs(keys.account), address.waitMs(keys.address));
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new AppError("too_many_requests", `too many failed sign-ins: wait ${seconds} s before trying again`, undefined, { "retry-after": String(seconds) });
  }
  const forwarded = new Request(req.url, { method: "POST", headers: req.headers, body: text });
  const res = await toNextJsHandler(auth()).POST(forwarded);
  if (res.ok) {
    account.succeeded(keys.account);
    address.succeeded(keys.address);
    const user = ((await res.clone().json()) as { user?: { id?: string; username?: string } }).user;
    await recordAudit({ kind: "user", id: user?.id ?? null, name: user?.username ?? username, ip }, { action: "auth.sign_in", targetType: "user", targetId: user?.id ?? null });
  } else {
    account.failed(keys.account);
    address.failed(keys.address);
    await recordAudit({ kind: "anonymous", id: null, name: username || "(no username)", ip }, { action: "auth.sign_in_failed", targetType: "user", changes: { username, status: res.status } });
  }
  return res;
}

async function guarded(req: Request, method: keyof typeof EXPOSED): Promise<Response> {
  try {
    const name = endpoint(req);
    if (!(EXPOSED[method] as readonly string[]).includes(name)) throw new AppError("not_found", `no such authentication endpoint: ${method} /api/auth/${name.slice(0, 100)}`);
    if (method === "GET") return await toNextJsHandler(auth()).GET(req);
    assertSameOrigin(req);
    if (name === "sign-in/username") return await signIn(req);
    const user = await sessionUser(req.headers);
    const res = await toNextJsHandler(auth()).POST(req);
    if (user && res.ok) await recordAudit({ kind: "user", id: user.id, name: user.username, ip: clientAddress(req.headers) }, { action: "auth.sign_out", targetType: "user", targetId: user.id });
    return res;
  } catch (err) {
    return errorResponse(req, err);
  }
}

export const GET = (req: Request) => guarded(req, "GET");
export const POST = (req: Request) => guarded(req, "POST");
