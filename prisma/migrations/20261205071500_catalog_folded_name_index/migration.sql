-- A catalog search lists first the entitlements whose name begins with what was typed, case folded
-- (docs/decisions/085): a b-tree on lower(name) in byte order serves `lower(name) COLLATE "C" LIKE
-- 'text%'` as a range and hands that range over already in its page order, so the first page of a
-- common word costs the page instead of a sort of all its matches. COLLATE "C" because only there
-- does PostgreSQL turn a LIKE prefix into an index range (the database's C.UTF-8 is not enough).
CREATE INDEX "db_entitlement_name_folded" ON "Entitlement" ((lower("name") COLLATE "C"), "id");
