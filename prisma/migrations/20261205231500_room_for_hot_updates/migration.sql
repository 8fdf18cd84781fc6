-- Room on each page for the rows' next versions (fillfactor 85: a page is filled to 85 % on insert),
-- so that an update that changes no indexed column is a HOT update: the new version goes on the same
-- page and no index gets an entry (docs/decisions/104). These rows change often, and mostly in
-- unindexed columns: an account's status and attributes (a mover's new title, a leaver disabled), a
-- membership's status (ADDING → ACTIVE when its operation succeeds, REMOVING), a person's title,
-- location or cost centre, and their session version (every sign-out and leaver). Without room, each
-- such update wrote a new entry into every index of the table (six on Account, fourteen on Identity).
-- Pages written before this keep their packing until rewritten; new pages get the room.
ALTER TABLE "Account" SET (fillfactor = 85);
ALTER TABLE "AccountEntitlement" SET (fillfactor = 85);
ALTER TABLE "Identity" SET (fillfactor = 85);
