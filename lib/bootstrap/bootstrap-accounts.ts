import { randomBytes } from "node:crypto";
import { createApiKey } from "../api-keys/api-keys";
import { createUser } from "../auth";
import { db } from "../db/client";

/**
 * First start: an admin account (password from VIGIL_ADMIN_PASSWORD, else generated and printed
 * once) and, when VIGIL_BOOTSTRAP_API_KEY is set, an API key with that secret (ingest + read).
 */
export async function bootstrapAccounts(log: (line: string) => void): Promise<void> {
  if ((await db().user.count()) === 0) {
    const given = process.env.VIGIL_ADMIN_PASSWORD;
    const password = given ?? randomBytes(12).toString("base64url");
    await createUser({ username: "admin", name: "Administrator", password, role: "admin" });
    log(given ? "created user 'admin' with the password from VIGIL_ADMIN_PASSWORD" : `created user 'admin' with password: ${password}   (shown once; set VIGIL_ADMIN_PASSWORD to choose it)`);
  }
  const key = process.env.VIGIL_BOOTSTRAP_API_KEY;
  if (key && (await db().apiKey.count()) === 0) {
    await createApiKey({ name: "bootstrap", scopes: ["ingest", "read"], secret: key });
    log("created API key 'bootstrap' (scopes ingest, read) from VIGIL_BOOTSTRAP_API_KEY");
  }
}
