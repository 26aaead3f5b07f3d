-- Fields reconstructed before detection (auditd sources lack parent names).
ALTER TABLE "alert" ADD COLUMN "reconstructed" TEXT[];
