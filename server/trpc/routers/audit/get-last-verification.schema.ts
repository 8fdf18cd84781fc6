import { z } from 'zod';
import { ZAuditVerification } from './audit.schema.ts';

export const ZGetLastVerificationInput = z.void();
/** Null until the chain has been verified once. */
export const ZGetLastVerificationOutput = ZAuditVerification.nullable();
