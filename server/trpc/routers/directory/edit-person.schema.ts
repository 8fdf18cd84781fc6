import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZPersonFields } from './person.schema.ts';

/** Only the fields that change: one an authoritative source owns is refused with the source's name. */
export const ZEditPersonInput = z.object({ identityId: ZId, changes: ZPersonFields.partial() });
export const ZEditPersonOutput = z.object({ events: z.array(z.string()) });
