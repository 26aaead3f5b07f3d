/**
 * Opaque keyset cursors for the paged lists: a JSON object in base64url, read back through the
 * list's own schema, so a forged or foreign cursor is a 400 naming it, never a query PostgreSQL
 * refuses (a 500).
 */
import type { z } from "zod";
import { AppError } from "./app-error";

export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let raw: unknown = null;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    // not JSON: refused below
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "cursor: not a cursor this list returned");
  return parsed.data;
}
