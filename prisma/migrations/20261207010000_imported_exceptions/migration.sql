-- Exception items imported from a Kibana export keep where they came from (list id / item id),
-- so importing the export again updates them instead of adding copies.
ALTER TABLE "exception_item" ADD COLUMN "importedFrom" TEXT;
CREATE UNIQUE INDEX "exception_item_importedFrom_ruleId_key" ON "exception_item"("importedFrom", "ruleId");
