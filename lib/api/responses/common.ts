/** Pieces the response schemas share. */
import { z } from "zod";

/** A timestamp from PostgreSQL, answered as ISO 8601 in UTC. */
export const zTime = z.date().transform((d) => d.toISOString());
/** An optional timestamp. */
export const zTimeOrNull = zTime.nullable();
/** A JSON column, answered as stored. */
export const zJson = z.unknown();
/** An id a mutation answers with once it is done (`{ deleted: id }`, `{ revoked: id }`). */
export const zId = z.string();
