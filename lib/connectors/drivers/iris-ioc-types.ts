/**
 * Which DFIR-IRIS IOC type each of a case's observables is, by name from IRIS's own seeded list
 * (ids differ between instances, so they are looked up on the instance: GET /manage/ioc-types/list).
 * IRIS checks each IOC's value against its type's validation regex and refuses the whole alert on
 * one mismatch, so a value is only sent under a type it fits.
 */
import { call } from "./driver";

export interface Observable {
  type: string;
  value: string;
}

const HASH_BY_LENGTH: Record<number, string> = { 32: "md5", 40: "sha1", 64: "sha256", 128: "sha512" };

/** IRIS's type name for an observable, or null when IRIS has no type it fits. */
export function irisIocTypeName(o: Observable): string | null {
  if (o.type === "ip") return "ip-any";
  if (o.type === "hash") return /^[a-f0-9]+$/i.test(o.value) ? (HASH_BY_LENGTH[o.value.length] ?? null) : null;
  if (o.type === "executable") return o.value.includes("/") || o.value.includes("\\") ? "file-path" : "filename";
  return null;
}

/** The instance's IOC types, name → id. */
export async function irisIocTypeIds(base: string, apiKey: string): Promise<Map<string, number>> {
  const answer = (await call("DFIR-IRIS", `${base}/manage/ioc-types/list`, { method: "GET", headers: { authorization: `Bearer ${apiKey}` } })) as { data?: { type_id: number; type_name: string }[] } | null;
  if (!Array.isArray(answer?.data)) throw new Error("DFIR-IRIS did not list its IOC types");
  return new Map(answer.data.map((t) => [t.type_name, t.type_id]));
}
