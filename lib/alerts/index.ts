export { alertFromHit, type StoredExplanation } from "./alert-from-hit";
export { alertJson } from "./alert-json";
export { ALERT_STATUSES, alertWhere, CLOSE_REASONS, countAlertsByStatus, listAlerts, ZAlertQuery, type TAlertQuery } from "./list-alerts";
export { updateAlerts, ZAlertBulkUpdate, ZAlertUpdate, type TAlertUpdate } from "./update-alert";
