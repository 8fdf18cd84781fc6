-- The triggers that keep history, refuse rewrites and check references name their tables unqualified,
-- and run as whoever writes (the portal's role). That role may create temporary tables (PUBLIC holds
-- TEMPORARY on a database), and pg_temp comes first in the search path for tables: a temporary
-- "Account" or "ProvisioningOperation" would stand in for the real one inside a trigger, so a check
-- passed on a missing row, a delete's SET NULL or refusal looked at the wrong table, and a history
-- period could be written where nobody keeps it. Every PL/pgSQL function here looks in public first,
-- then pg_temp (docs/decisions/108); server/db/app-role.int.test.ts fails for one that does not.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure
      FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      JOIN pg_language l ON l.oid = p.prolang
     WHERE n.nspname = 'public' AND l.lanname = 'plpgsql'
     ORDER BY p.oid
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = public, pg_temp', f);
  END LOOP;
END $$;
