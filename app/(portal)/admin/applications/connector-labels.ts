export type TConnectorType = 'LDAP' | 'SALESFORCE' | 'SCIM' | 'MANUAL';

export const CONNECTOR_LABEL: Record<TConnectorType, string> = {
  LDAP: 'LDAP directory',
  SALESFORCE: 'Salesforce',
  SCIM: 'SCIM 2.0',
  MANUAL: 'Manual fulfilment',
};
