/**
 * Errors on the `/es` routes in Elasticsearch's own shape, so its clients and shippers read them:
 * `{ "error": { "root_cause": [{ type, reason }], type, reason }, "status" }`, with the product
 * header (clients refuse answers without it). Vigil's `code` and `message` ride along for its own tools.
 */
import type { ErrorCode } from "../api/app-error";
import { ES_HEADERS } from "./es-handshake";

/** The Elasticsearch exception type a client expects for each of Vigil's error codes. */
const ES_TYPE: Record<ErrorCode, string> = {
  bad_request: "illegal_argument_exception",
  unauthorized: "security_exception",
  forbidden: "security_exception",
  not_found: "resource_not_found_exception",
  method_not_allowed: "illegal_argument_exception",
  request_timeout: "timeout_exception",
  conflict: "version_conflict_engine_exception",
  payload_too_large: "content_too_long_exception",
  unsupported_media_type: "media_type_header_exception",
  unprocessable: "illegal_argument_exception",
  too_many_requests: "es_rejected_execution_exception",
  internal: "exception",
  unavailable: "cluster_block_exception",
};

/** The error in Elasticsearch's shape; `type` when the case has its own exception type (document_parsing_exception…). */
export function esErrorBody(status: number, code: ErrorCode, message: string, type = ES_TYPE[code]) {
  const cause = { type, reason: message };
  return { error: { root_cause: [cause], ...cause, code, message }, status };
}

/** Headers of an error answer; a 401 says which schemes are taken, as Elasticsearch does. */
export function esErrorHeaders(status: number): Record<string, string> {
  return status === 401 ? { ...ES_HEADERS, "www-authenticate": 'ApiKey, Basic realm="vigil", charset="UTF-8"' } : ES_HEADERS;
}
