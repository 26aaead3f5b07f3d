-- The alert list sorts by event time and by risk score as well as by creation time; without an
-- index each page was a top-N sort of every alert matching the filters (bench:alerts, 100,000
-- alerts: p50 68–80 ms for the first page by event time). Alerts are few next to events, so the
-- indexes cost ingest nothing that shows.
CREATE INDEX "alert_eventTimestamp_id_idx" ON "alert"("eventTimestamp", "id");
CREATE INDEX "alert_riskScore_id_idx" ON "alert"("riskScore", "id");
