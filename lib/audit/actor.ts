/** Who did something: a user, an API key, or Vigil itself (retention, ingest marking an exception invalid). */
export interface Actor {
  kind: "user" | "api_key" | "system";
  /** The user's or the key's id; null for the system. */
  id: string | null;
  /** The username (or "api key <name>", "vigil") at the time: kept with the entry, so history survives a deletion. */
  name: string;
  /** The client's address, when the action came over HTTP. */
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", id: null, name: "vigil" };
