import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assessMappingChange } from './mapping-change.ts';

/** The mapping guard's numbers for a draft mapping, before saving (the save assesses again). */
export async function previewMappingChange(
  db: TDb,
  input: { id: string; attributeMapping: Record<string, string> },
) {
  const application = await db.application.findUnique({
    where: { id: input.id },
    select: { id: true, connectorType: true, attributeMapping: true },
  });
  if (!application) throw new AppError('NOT_FOUND', 'No such application');
  return assessMappingChange(db, application, input.attributeMapping);
}
