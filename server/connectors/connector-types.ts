import { z } from 'zod';
import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { CONNECTOR_DEFINITIONS } from './registry.ts';

const EXAMPLES: Partial<Record<ConnectorType, Record<string, unknown>>> = {
  LDAP: {
    url: 'ldap://ldap.example.com:389',
    bindDn: 'cn=gatehouse,dc=example,dc=com',
    baseDn: 'dc=example,dc=com',
    disable: { method: 'lockAttribute' },
  },
  SALESFORCE: {
    loginUrl: 'https://example.my.salesforce.com',
    auth: { flow: 'jwtBearer', clientId: '3MVG9…', username: 'integration@example.com' },
    defaultProfileId: '00e000000000001AAA',
  },
  SCIM: { baseUrl: 'https://app.example.com/scim/v2', auth: { type: 'bearer' } },
  MANUAL: { slaHours: 24, instructions: 'Open the admin console at …' },
};

/** What the settings form needs to know about each kind of connector. */
export function listConnectorTypes() {
  return Object.entries(CONNECTOR_DEFINITIONS).map(([type, def]) => ({
    type: type as ConnectorType,
    label: def.label,
    defaultMapping: def.defaultMapping,
    secretFields:
      def.secretsSchema instanceof z.ZodObject
        ? Object.keys(def.secretsSchema.shape as Record<string, unknown>)
        : [],
    configExample: EXAMPLES[type as ConnectorType] ?? {},
  }));
}
