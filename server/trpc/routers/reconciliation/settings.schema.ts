import { z } from 'zod';
import { ZReconciliationSettings } from '@/server/modules/reconciliation/index.ts';
import { ZId } from '../shared.schema.ts';

export const ZGetSettingsInput = z.object({ applicationId: ZId });
export const ZSaveSettingsInput = z.object({ applicationId: ZId, settings: ZReconciliationSettings });
export const ZSettingsOutput = z.object({ applicationId: z.string(), settings: ZReconciliationSettings });
