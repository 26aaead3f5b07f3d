/** What tests of the ingest routes share: a database of their own, the server secret, a key with the ingest scope. */
import { createApiKey } from "../api-keys/api-keys";
import { createTestDatabase } from "../db/test-database";

export type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The second argument Next gives a route handler. */
export const routeContext = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

/** Sets up the database and secret (before the routes are imported) and returns an `Authorization` as Beats send it: ApiKey base64(id:key). */
export async function setUpIngestRoutes(name = "beats"): Promise<string> {
  process.env.DATABASE_URL = await createTestDatabase();
  process.env.BETTER_AUTH_SECRET = "test-secret-test-secret-test-secret";
  const { id, key } = await createApiKey({ name, scopes: ["ingest"] });
  return `ApiKey ${Buffer.from(`${id}:${key}`).toString("base64")}`;
}
