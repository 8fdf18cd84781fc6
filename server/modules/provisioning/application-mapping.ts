import { connectorDefinition } from '@/server/connectors/registry.ts';
import type { TMapping } from './attribute-mapping.ts';

/** An application's attribute mapping: its own when it has one, else its connector's default. */
export function applicationMapping(app: {
  connectorType: Parameters<typeof connectorDefinition>[0];
  attributeMapping: unknown;
}): TMapping {
  const custom = (app.attributeMapping as { attributes?: TMapping } | null)?.attributes;
  if (custom && Object.keys(custom).length) return custom;
  try {
    return connectorDefinition(app.connectorType).defaultMapping;
  } catch {
    return {};
  }
}
