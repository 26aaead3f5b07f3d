-- Documents are stored out of line without compression. A row holding a normalized document and
-- the one received (Endgame, SentinelOne) passes PostgreSQL's 2 kB threshold, and pglz then spent
-- more CPU on it than the rest of the row: COPY into the event table went from ~37 k to ~45 k
-- rows/s alone on the bench machine (npm run bench:storage). The cost is disk: JSON is not
-- compressed (about 2x for these rows), which retention bounds.
ALTER TABLE "event" ALTER COLUMN "doc" SET STORAGE EXTERNAL, ALTER COLUMN "original" SET STORAGE EXTERNAL;
