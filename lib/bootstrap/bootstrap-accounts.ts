import { randomBytes } from "node:crypto";
import { createApiKey } from "../api-keys/api-keys";
import { createUser } from "../auth";
import { passwordProblem } from "../auth/password-policy";
import { config, ConfigError } from "../config";
import { db } from "../db/client";

/**
 * First start: an admin account (password from VIGIL_ADMIN_PASSWORD, else generated and printed
 * once) and, when VIGIL_BOOTSTRAP_API_KEY is set, an API key with that secret (ingest + read).
 */
export async function bootstrapAccounts(log: (line: string) => void): Promise<void> {
  if ((await db().user.count()) === 0) {
    const given = config().VIGIL_ADMIN_PASSWORD;
    const problem = given === undefined ? null : passwordProblem(given, ["admin", "Administrator"]);
    if (problem) throw new ConfigError([`VIGIL_ADMIN_PASSWORD: ${problem}`]);
    const password = given ?? randomBytes(16).toString("base64url");
    await createUser({ username: "admin", name: "Administrator", password, role: "admin" });
    log(given ? "created user 'admin' with the password from VIGIL_ADMIN_PASSWORD" : `created user 'admin' with password: ${password}   (shown once; set VIGIL_ADMIN_PASSWORD to choose it)`);
  }
  const key = config().VIGIL_BOOTSTRAP_API_KEY;
  if (key && (await db().apiKey.count()) === 0) {
    await createApiKey({ name: "bootstrap", scopes: ["ingest", "read"], secret: key });
    log("created API key 'bootstrap' (scopes ingest, read) from VIGIL_BOOTSTRAP_API_KEY");
  }
}
