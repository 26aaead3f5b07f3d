/** What Beats and Elastic Agent read before they send: the cluster banner and the license. */
export const ES_VERSION = "8.17.0";

export const ES_HEADERS = { "x-elastic-product": "Elasticsearch", "content-type": "application/json" };

export function clusterInfo() {
  return {
    name: "vigil",
    cluster_name: "vigil",
    cluster_uuid: "vigil-00000000000000000000",
    version: {
      number: ES_VERSION,
      build_flavor: "default",
      build_type: "tar",
      build_hash: "vigil",
      build_date: "2026-11-28T00:00:00.000Z",
      build_snapshot: false,
      lucene_version: "9.12.0",
      minimum_wire_compatibility_version: "7.17.0",
      minimum_index_compatibility_version: "7.0.0",
    },
    tagline: "You Know, for Search",
  };
}

export function licenseInfo() {
  return { license: { status: "active", uid: "vigil", type: "basic", issue_date: "2026-11-28T00:00:00.000Z", issue_date_in_millis: 1795824000000, max_nodes: 1000, issued_to: "vigil", issuer: "vigil", start_date_in_millis: -1 } };
}

/** One node holding everything, healthy: the answer of `GET _cluster/health` while the database answers. */
export function clusterHealth() {
  return {
    cluster_name: "vigil",
    status: "green",
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 1,
    active_shards: 1,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100.0,
  };
}
