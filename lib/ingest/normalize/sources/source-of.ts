/**
 * Which normalizer reads a document: the Elasticsearch index (or data stream) it was sent to picks
 * it, as the rule's index patterns do; without an index, the document's own markers do.
 */
export const SOURCES = ["ecs", "elastic_defend", "auditbeat", "auditd_manager", "endgame", "sentinel_one"] as const;
export type Source = (typeof SOURCES)[number];

const INDEX_PATTERNS: [RegExp, Source][] = [
  [/^auditbeat-/, "auditbeat"],
  [/^endgame-/, "endgame"],
  [/^logs-auditd_manager\.auditd-/, "auditd_manager"],
  [/^logs-endpoint\.events\.process/, "elastic_defend"],
  [/^logs-sentinel_one_cloud_funnel\./, "sentinel_one"],
];

const obj = (v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The source for an index name; null when the index is not one of the five. */
export function sourceOfIndex(index: string | null | undefined): Source | null {
  if (!index) return null;
  for (const [re, source] of INDEX_PATTERNS) if (re.test(index)) return source;
  return null;
}

/** The source a document says it comes from (data_stream.dataset, agent.type, vendor fields), else plain ECS. */
export function sniffSource(doc: Record<string, unknown>): Source {
  const dataset = obj(doc.data_stream)?.dataset ?? obj(doc.event)?.dataset ?? doc["data_stream.dataset"];
  if (typeof dataset === "string") {
    if (dataset.startsWith("sentinel_one_cloud_funnel")) return "sentinel_one";
    if (dataset === "auditd_manager.auditd") return "auditd_manager";
    if (dataset.startsWith("endpoint.events.")) return "elastic_defend";
  }
  if (obj(doc.sentinel_one_cloud_funnel)) return "sentinel_one";
  if (obj(doc.endgame)) return "endgame";
  if (obj(doc.agent)?.type === "auditbeat") return "auditbeat";
  if (obj(doc.agent)?.type === "endpoint") return "elastic_defend";
  return "ecs";
}

/** The index decides when it names a known source; otherwise the document does. */
export function sourceOf(index: string | null | undefined, doc: Record<string, unknown>): Source {
  return sourceOfIndex(index) ?? sniffSource(doc);
}
