/**
 * The one wrapper every API route handler goes through. A route states its contract — who may call
 * it (role, API-key scope), and zod schemas for its query, JSON body and response — and the wrapper
 * does the rest in one place: the same-origin check for cookie-authenticated mutations (CSRF),
 * authentication and roles, content type (415), a size-limited body read, malformed JSON (400
 * naming the position), schema errors (400 naming the field), Prisma codes (P2002 → 409,
 * P2025 → 404), `Cache-Control: no-store`, and mapping of every other error to a safe answer.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { discardBody } from "../http/discard-body";
import { readWholeBody } from "../http/body-reader";
import { jsonErrorPosition } from "../json/json-error-position";
import { AppError, errorResponseBody } from "./app-error";
import { assertSameOrigin, isMutation } from "./same-origin";
import { recordAudit } from "../audit/audit-log";
import { esErrorBody, esErrorHeaders } from "../ingest/es-errors";
import { actorOf, authenticate, type Access, type Principal } from "./principal";

export { actorOf, type Principal } from "./principal";

/** JSON bodies of the management API are small; ingest routes read their own (larger, streamed) bodies. */
const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * What a mutation records in the audit log once it succeeded: the action, the kind of target, the
 * target's id (default: the `id` path parameter, else the `id` of the JSON answer) and what changed
 * (default: the request body; secrets are redacted by the log).
 */
export interface AuditSpec<P, B, Q> {
  action: string;
  target: string;
  id?: (ctx: RouteContext<P, B, Q>, answer: Record<string, unknown> | null) => string | null | undefined;
  changes?: (ctx: RouteContext<P, B, Q>, answer: Record<string, unknown> | null) => unknown;
}

export interface RouteOptions<P, B, Q> extends Access {
  /** Required on every mutation; `null` says, on purpose, that the route changes data, not configuration (ingest). */
  audit?: AuditSpec<P, B, Q> | null;
  /** The path parameters (`[id]` folders). */
  params?: z.ZodType<P>;
  /** The JSON body; without it the handler reads the body itself (or there is none). */
  body?: z.ZodType<B>;
  /** The query string, as an object of strings. */
  query?: z.ZodType<Q>;
  /** An Elasticsearch-compatible route (`/es`): errors in Elasticsearch's shape, Basic credentials with an API key taken. */
  elasticsearch?: boolean;
}

export interface RouteContext<P, B, Q> {
  principal: Principal;
  params: P;
  body: B;
  query: Q;
}

type Handler<P, B, Q> = (req: Request, ctx: RouteContext<P, B, Q>) => Promise<Response>;

/**
 * A JSON answer serialised through its schema (lib/api/responses): only what the schema names leaves
 * the server, and an answer that does not fit it is a server error (500), never a half-checked reply.
 */
export function respond<S extends z.ZodType>(schema: S, data: z.input<S>, status = 200): Response {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`the answer does not match its schema: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return NextResponse.json(parsed.data, { status });
}

function zodIssues(err: z.ZodError, where: string) {
  const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return new AppError("bad_request", issues.map((i) => `${i.path || where}: ${i.message}`).join("; "), issues);
}

async function readJsonBody<B>(req: Request, schema: z.ZodType<B>): Promise<B> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new AppError("unsupported_media_type", `send the body as application/json, not '${type || "no content type"}'`);
  const text = (await readWholeBody(req, { maxBytes: MAX_JSON_BODY_BYTES })).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("bad_request", `the body is not valid JSON: ${jsonErrorPosition(text, (err as Error).message)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw zodIssues(parsed.error, "body");
  return parsed.data;
}

function readQuery<Q>(req: Request, schema: z.ZodType<Q>): Q {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw zodIssues(parsed.error, "query");
  return parsed.data;
}

function parseParams<P>(raw: Record<string, string | string[]>, schema: z.ZodType<P>): P {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodIssues(parsed.error, "path");
  return parsed.data;
}

/** API answers are never cached (they carry alerts, users, secrets once). */
export function noStore(res: Response): Response {
  if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
  return res;
}

/** Wraps a handler with its contract: origin, authentication, role, body, query and error mapping. */
export function withRoute<P = Record<string, never>, B = undefined, Q = undefined>(options: RouteOptions<P, B, Q>, handler: Handler<P, B, Q>) {
  return async (req: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      // A mutation that would be authenticated by the session cookie must come from Vigil's own pages
      // (without a cookie or a key there is nothing to forge: authentication answers 401).
      if (isMutation(req.method) && !req.headers.has("authorization") && req.headers.has("cookie")) assertSameOrigin(req);
      const principal = await authenticate(req, { ...options, basic: options.elasticsearch });
      const params = options.params ? parseParams(await context.params, options.params) : ({} as P);
      const body = options.body ? await readJsonBody(req, options.body) : (undefined as B);
      const query = options.query ? readQuery(req, options.query) : (undefined as Q);
      const ctx = { principal, params, body, query };
      const res = await handler(req, ctx);
      if (options.audit && res.ok) await audit(options.audit, ctx, res);
      return noStore(res);
    } catch (err) {
      return noStore(await errorResponse(req, err, options.elasticsearch));
    }
  };
}

async function audit<P, B, Q>(spec: AuditSpec<P, B, Q>, ctx: RouteContext<P, B, Q>, res: Response): Promise<void> {
  let answer: Record<string, unknown> | null = null;
  if ((res.headers.get("content-type") ?? "").includes("json")) answer = (await res.clone().json().catch(() => null)) as Record<string, unknown> | null;
  const fromParams = (ctx.params as { id?: unknown } | null)?.id;
  const targetId = spec.id ? spec.id(ctx, answer) : typeof fromParams === "string" ? fromParams : typeof answer?.id === "string" ? answer.id : null;
  try {
    await recordAudit(actorOf(ctx.principal), { action: spec.action, targetType: spec.target, targetId: targetId ?? null, changes: spec.changes ? spec.changes(ctx, answer) : ctx.body });
  } catch (err) {
    // The change is made; answering an error would make the client retry it. Said loudly instead.
    console.error(`audit: could not record ${spec.action} on ${spec.target} ${targetId ?? ""}`, err);
  }
}

/** The answer for a thrown error; a refused body is read off first so the client gets to read it. */
export async function errorResponse(req: Request, err: unknown, elasticsearch = false): Promise<Response> {
  if (err instanceof z.ZodError) err = zodIssues(err, "body");
  const { status, body } = errorResponseBody(err);
  if (status === 500) console.error(err);
  await discardBody(req);
  const extra = err instanceof AppError ? err.headers : undefined;
  if (elasticsearch) return NextResponse.json(esErrorBody(status, body.error.code, body.error.message), { status, headers: { ...esErrorHeaders(status), ...extra } });
  return NextResponse.json(body, { status, headers: extra });
}
