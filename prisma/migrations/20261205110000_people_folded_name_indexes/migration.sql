-- A People search lists first the people whose display name, then those whose last name, begins
-- with what was typed, case folded (docs/decisions/092): b-trees on the folded names in byte order
-- serve `lower(x) COLLATE "C" LIKE 'text%'` as ranges read in page order, so the first page of a
-- common last name costs the page instead of a sort of its 5,000 matches. COLLATE "C" for the same
-- reason as db_entitlement_name_folded (docs/decisions/085); people of one last name by display name.
CREATE INDEX "db_identity_display_name_folded" ON "Identity" ((lower("displayName") COLLATE "C"), "id");
CREATE INDEX "db_identity_last_name_folded" ON "Identity" ((lower("lastName") COLLATE "C"), "displayName", "id");
