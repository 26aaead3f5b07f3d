/** The one error type of the API: a code with its HTTP status, a safe message, internal detail kept apart. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Shown to the client: must not leak internals. */
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Maps any thrown value to a status and a body; unknown errors become a generic 500. */
export function errorResponseBody(err: unknown): { status: number; body: { error: { code: ErrorCode; message: string; details?: unknown } } } {
  if (err instanceof AppError) return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  const prismaCode = (err as { code?: unknown })?.code;
  if (prismaCode === "P2002") return { status: 409, body: { error: { code: "conflict", message: "a record with these values exists already" } } };
  if (prismaCode === "P2025") return { status: 404, body: { error: { code: "not_found", message: "no such record" } } };
  return { status: 500, body: { error: { code: "internal", message: "internal error" } } };
}
