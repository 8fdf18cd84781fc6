-- DropIndex
DROP INDEX "Entitlement_name_idx";

-- The catalog's walks in name order (the unsearched page, a search's other matches: docs/decisions/095)
-- read only this index: every column they filter on is in it, so a walk past tens of thousands of
-- names that do not match ("edger": 30,000 before the first "Ledger") reads no table rows. The page's
-- own columns are read afterwards for its 61 ids. It replaces the plain b-tree on name.
CREATE INDEX "db_entitlement_name_covering" ON "Entitlement" ("name", "id") INCLUDE ("description", "applicationId", "requestable", "risk");
