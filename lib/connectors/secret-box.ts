import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../api/app-error";
import { config } from "../config";

/** The 32-byte key from VIGIL_ENCRYPTION_KEY (64 hex characters or base64). */
function key(): Buffer {
  const raw = config().VIGIL_ENCRYPTION_KEY;
  if (!raw) throw new AppError("unprocessable", "VIGIL_ENCRYPTION_KEY is not set: connector credentials cannot be stored");
  const k = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (k.length !== 32) throw new AppError("unprocessable", "VIGIL_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)");
  return k;
}

/** Encrypts a JSON value with AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function seal(value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open<T>(sealed: string): T {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !data) throw new Error("sealed value has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")) as T;
}
