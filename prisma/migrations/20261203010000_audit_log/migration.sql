-- One append-only audit log: who (id, name and address at the time), when, what, on what, what changed.
CREATE TABLE "audit_entry" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorIp" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "changes" JSONB,
    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_entry_at_id_idx" ON "audit_entry"("at", "id");
CREATE INDEX "audit_entry_actorId_at_idx" ON "audit_entry"("actorId", "at");
CREATE INDEX "audit_entry_target_idx" ON "audit_entry"("targetType", "targetId", "at");
CREATE INDEX "audit_entry_action_at_idx" ON "audit_entry"("action", "at");

-- Append-only: entries can be added, never changed or removed (not even by Vigil's own code).
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only';
END;
$$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
