import type { TDb } from '@/server/db/client.ts';
import { connectorDefinition } from '@/server/connectors/registry.ts';
import { AppError } from '@/server/lib/app-error.ts';
import {
  nameAccount,
  targetLimits,
  renderMapping,
  MAPPING_SOURCE_SELECT,
} from '@/server/modules/provisioning/index.ts';
import type { ConnectorType } from '@/prisma/generated/enums.ts';

/**
 * What a person's account would look like with these (draft) mapping and naming rules; `naming` says
 * why the fallback named it, or why no name could be made.
 */
export async function previewMapping(
  db: TDb,
  input: {
    identityId: string;
    connectorType: ConnectorType;
    attributeMapping: Record<string, string>;
    usernameTemplate?: string;
    maxLength?: number;
  },
) {
  const person = await db.identity.findUnique({
    where: { id: input.identityId },
    select: MAPPING_SOURCE_SELECT,
  });
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  const source = { ...person, attributes: (person.attributes ?? {}) as Record<string, unknown> };
  const mapping = Object.keys(input.attributeMapping).length
    ? input.attributeMapping
    : connectorDefinition(input.connectorType).defaultMapping;
  try {
    const named = nameAccount(
      { usernameTemplate: input.usernameTemplate, maxLength: input.maxLength },
      source,
      targetLimits(input.connectorType)?.username,
    );
    return {
      username: named.base ?? '',
      naming: named.refused ?? named.fallback,
      attributes: renderMapping(mapping, source),
    };
  } catch (error) {
    throw new AppError('INVALID_INPUT', (error as Error).message, { field: 'attributeMapping' });
  }
}
