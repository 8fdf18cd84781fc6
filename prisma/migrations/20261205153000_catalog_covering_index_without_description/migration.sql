-- The covering name index (20261205133456) carried each entitlement's description in its leaf entries,
-- and a b-tree entry may not exceed 2,704 bytes: a description of 2,000 characters (what the catalog
-- accepts) in Chinese, Japanese or Cyrillic is 4,000 to 6,000 bytes, so saving or aggregating one
-- failed, and so would this index's creation on a catalog holding one. It keeps the columns a walk in
-- name order filters on that are short; a search's description match is read from the table
-- (docs/decisions/095, "Corrected").
DROP INDEX "db_entitlement_name_covering";
CREATE INDEX "db_entitlement_name_covering" ON "Entitlement" ("name", "id") INCLUDE ("applicationId", "requestable", "risk");
