-- ObservedAccount's ("applicationId", "nativeId") index goes (docs/decisions/090, ninth pass): every
-- reader looks an observed account up by lower("nativeId") (a changed group's members, correlation,
-- renames), which this index cannot serve, and the rest ask by application (served by the stable id's
-- unique index, which leads with it). A first full run COPYs 100,000 rows: maintaining this index's
-- long DN keys was about a quarter of the backend CPU the COPY took.
-- DropIndex
DROP INDEX "ObservedAccount_applicationId_nativeId_idx";
