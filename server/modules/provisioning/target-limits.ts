import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { connectorDefinition } from '@/server/connectors/registry.ts';
import type { TTargetLimits } from '@/server/connectors/sdk/connector.ts';

/** What an application's target accepts, as its connector declares it (none for manual fulfilment). */
export function targetLimits(connectorType: ConnectorType): TTargetLimits | undefined {
  try {
    return connectorDefinition(connectorType).limits;
  } catch {
    return undefined;
  }
}

/** The attributes of a new account that are longer than the target takes, as one sentence, or null. */
export function overLongAttributes(
  limits: TTargetLimits | undefined,
  attributes: Record<string, unknown>,
): string | null {
  const over = Object.entries(limits?.attributes ?? {}).flatMap(([name, max]) => {
    const value = attributes[name];
    const longest = Math.max(
      0,
      ...(Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v.length : 0)),
    );
    return longest > max ? [`${name} is ${longest} characters and the target takes at most ${max}`] : [];
  });
  return over.length ? over.join('; ') : null;
}
