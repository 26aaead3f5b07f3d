/**
 * normalize: each source's document → the ECS event the rules and the process tree read. A
 * normalizer returns the document itself when it is already what the rules need, else a new one
 * (the document as received is kept beside it).
 */
import { normalizeAuditd } from "./auditd";
import type { Doc } from "./ecs-helpers";
import { normalizeEndgame } from "./endgame";
import { normalizeSentinelOne } from "./sentinel-one";
import type { Source } from "./source-of";

const NORMALIZERS: Record<Source, (doc: Doc) => Doc> = {
  ecs: (doc) => doc,
  elastic_defend: (doc) => doc,
  auditbeat: normalizeAuditd,
  auditd_manager: normalizeAuditd,
  endgame: normalizeEndgame,
  sentinel_one: normalizeSentinelOne,
};

/** Throws SourceError when the document cannot be read as its source's shape. */
export function normalizeSource(source: Source, doc: Doc): Doc {
  return NORMALIZERS[source](doc);
}

export { SourceError } from "./source-error";
export { sourceOf, sourceOfIndex, sniffSource, SOURCES, type Source } from "./source-of";
