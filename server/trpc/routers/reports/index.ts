import { router } from '../../init.ts';
import { dormant } from './dormant.ts';
import { expiring } from './expiring.ts';
import { grantEvidence } from './grant-evidence.ts';
import { leavers } from './leavers.ts';
import { lookup } from './lookup.ts';
import { personAccess } from './person-access.ts';
import { privileged } from './privileged.ts';
import { whoHas } from './who-has.ts';

/** The auditors' access and risk reports (reports.read: the identity team and auditors). */
export const reportsRouter = router({
  whoHas,
  personAccess,
  grantEvidence,
  privileged,
  leavers,
  expiring,
  dormant,
  lookup,
});
