-- Rules live in the database; events keep the index they were shipped to.
ALTER TABLE "event" ADD COLUMN "index" TEXT;

CREATE TABLE "rule" (
    "id" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "riskScore" INTEGER NOT NULL,
    "tags" TEXT[],
    "index" TEXT[],
    "definition" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "sourceFile" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "severityOverride" TEXT,
    "riskScoreOverride" INTEGER,
    "actions" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'ok',
    "error" TEXT,
    "lastMatchAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rule_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "rule_ruleId_key" ON "rule"("ruleId");
CREATE INDEX "rule_enabled_idx" ON "rule"("enabled");
CREATE INDEX "rule_name_id_idx" ON "rule"("name", "id");

CREATE TABLE "rule_catalog" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "rule_catalog_pkey" PRIMARY KEY ("id")
);
INSERT INTO "rule_catalog" ("id", "generation") VALUES (1, 0);

-- Any change that alters what detection runs bumps the generation (and tells listeners); the
-- per-match "last match" stamp does not.
CREATE FUNCTION rule_catalog_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g BIGINT;
BEGIN
  UPDATE "rule_catalog" SET "generation" = "generation" + 1 WHERE "id" = 1 RETURNING "generation" INTO g;
  PERFORM pg_notify('vigil_rules', g::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER rule_catalog_on_change
  AFTER INSERT OR DELETE OR UPDATE OF "enabled", "definition", "version", "severity", "riskScore", "severityOverride", "riskScoreOverride", "actions", "status", "index"
  ON "rule" FOR EACH STATEMENT EXECUTE FUNCTION rule_catalog_bump();
