-- Previews and back-fills of rules narrowed by process or user name read those rows only.
CREATE INDEX "event_processName_idx" ON "event"("processName");
CREATE INDEX "event_userName_idx" ON "event"("userName");
