import { z } from 'zod';

export const ZId = z.string().uuid('must be an id');
export const ZRisk = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export const ZPersonRef = z.object({ id: z.string(), displayName: z.string() });
export const ZApplicationRef = z.object({ id: z.string(), name: z.string() });
