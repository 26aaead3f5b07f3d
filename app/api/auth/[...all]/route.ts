// /api/auth/* — better-auth's endpoints, limited to what Vigil's pages use: sign-in with username
// and password, sign-out, the session. Accounts are managed through /api/v1/users (admins), so the
// self-service endpoints (sign-up, update-user, change-email…) are not exposed; sign-in checks the
// Origin like every other cookie mutation (login CSRF).
import { toNextJsHandler } from "better-auth/next-js";
import { errorResponse } from "@/lib/api/with-route";
import { AppError } from "@/lib/api/app-error";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { auth } from "@/lib/auth";

export const dynamic = "force-dynamic";

const EXPOSED = { GET: ["get-session"], POST: ["sign-in/username", "sign-out"] } as const;

function endpoint(req: Request): string {
  return new URL(req.url).pathname.replace(/^\/api\/auth\/?/, "").replace(/\/+$/, "");
}

async function guarded(req: Request, method: keyof typeof EXPOSED): Promise<Response> {
  try {
    if (!(EXPOSED[method] as readonly string[]).includes(endpoint(req))) throw new AppError("not_found", `no such authentication endpoint: ${method} /api/auth/${endpoint(req).slice(0, 100)}`);
    if (method === "POST") assertSameOrigin(req);
    return await toNextJsHandler(auth())[method](req);
  } catch (err) {
    return errorResponse(req, err);
  }
}

export const GET = (req: Request) => guarded(req, "GET");
export const POST = (req: Request) => guarded(req, "POST");
