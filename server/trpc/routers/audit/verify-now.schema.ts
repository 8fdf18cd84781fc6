import { z } from 'zod';
import { ZAuditVerification } from './audit.schema.ts';

export const ZVerifyNowInput = z.void();
export const ZVerifyNowOutput = ZAuditVerification;
