import { router } from '../../init.ts';
import { getLastVerification } from './get-last-verification.ts';
import { verifyNow } from './verify-now.ts';

/** The audit log's integrity: its hash chain's verifications. */
export const auditRouter = router({ lastVerification: getLastVerification, verifyNow });
