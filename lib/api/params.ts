/** Path parameter schemas shared by the `[id]` routes. */
import { z } from "zod";

/** `{ id }` where id is a UUID of the named kind ("case" → "not a case id"). */
export const idParams = (kind: string) => z.object({ id: z.string().uuid(`not a ${kind} id`) });
