-- An exception that cannot compile (stored before fields were checked with the engine's grammar) is
-- marked with the reason and skipped by detection instead of failing every ingest window.
ALTER TABLE "exception_item" ADD COLUMN "invalidReason" TEXT;
