-- An alert keeps its source events as the rule read them, so matching an exception against open
-- alerts reads the alert rows alone instead of one compressed frame of documents per alert.
ALTER TABLE "alert" ADD COLUMN "sourceEvents" JSONB;
