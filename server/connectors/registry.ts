import type { z } from 'zod';
import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { applicationSecretBinding, decryptSecret } from '@/server/lib/secret-box.ts';
import type { TConnector, TTargetLimits } from './sdk/connector.ts';
import { ConnectorError } from './sdk/connector-error.ts';
import { ZLdapConfig, ZLdapSecrets } from './ldap/ldap-config.ts';
import { dnKey } from './ldap/ldap-escape.ts';
import { LdapConnector } from './ldap/ldap-connector.ts';
import { LDAP_LIMITS } from './ldap/ldap-limits.ts';
import { ManualConnector, ZManualConfig, ZManualSecrets } from './manual/manual-connector.ts';
import { ScimConnector, ZScimConfig, ZScimSecrets } from './scim/scim-connector.ts';
import { SCIM_LIMITS } from './scim/scim-limits.ts';
import {
  SalesforceConnector,
  ZSalesforceConfig,
  ZSalesforceSecrets,
} from './salesforce/salesforce-connector.ts';
import { SALESFORCE_LIMITS } from './salesforce/salesforce-field-lengths.ts';

export type TConnectorDefinition = {
  label: string;
  configSchema: z.ZodType;
  secretsSchema: z.ZodType;
  /** Identity-to-target attributes used when an application has no mapping of its own. */
  defaultMapping: Record<string, string>;
  /** What the target accepts; none for a person fulfilling by hand. */
  limits?: TTargetLimits;
  create: (config: unknown, secrets: unknown) => TConnector;
  /**
   * The settings that decide where the secrets are sent, or whose they are (URL, bind DN, token
   * endpoint, client id, TLS checks). When any of them changes, the stored secrets are not carried
   * over: an admin who may edit settings must not be able to send a saved password elsewhere.
   */
  endpoint: (config: unknown) => Record<string, unknown>;
  /**
   * How the target compares entitlement ids, as one string per entitlement (entitlementKey below).
   * Without it, ids compare case-insensitively.
   */
  entitlementKey?: (externalId: string) => string;
};

export const CONNECTOR_DEFINITIONS: Partial<Record<ConnectorType, TConnectorDefinition>> = {
  MANUAL: {
    label: 'Manual fulfilment (no API)',
    configSchema: ZManualConfig,
    secretsSchema: ZManualSecrets,
    defaultMapping: {
      displayName: '{displayName}',
      email: '{email}',
      department: '{department}',
      title: '{title}',
    },
    create: (config) => new ManualConnector(ZManualConfig.parse(config)),
    endpoint: () => ({}),
  },
  LDAP: {
    label: 'LDAP directory (OpenLDAP)',
    configSchema: ZLdapConfig,
    secretsSchema: ZLdapSecrets,
    defaultMapping: {
      cn: '{displayName}',
      sn: '{lastName}',
      givenName: '{firstName}',
      displayName: '{displayName}',
      mail: '{email}',
      title: '{title}',
      ou: '{department}',
      employeeNumber: '{employeeNumber}',
      employeeType: '{employmentType|lower}',
      l: '{location}',
    },
    limits: LDAP_LIMITS,
    // A group DN names one group however its case and the spaces around its separators are written.
    entitlementKey: dnKey,
    create: (config, secrets) => new LdapConnector(ZLdapConfig.parse(config), ZLdapSecrets.parse(secrets)),
    endpoint: (config) => {
      const c = ZLdapConfig.parse(config);
      return { url: c.url, bindDn: c.bindDn, tls: c.tls };
    },
  },
  SCIM: {
    label: 'Any SCIM 2.0 application',
    configSchema: ZScimConfig,
    secretsSchema: ZScimSecrets,
    defaultMapping: {
      // Written only when userIdentity is externalId; otherwise userName is the account's username.
      userName: '{email}',
      givenName: '{firstName}',
      familyName: '{lastName}',
      displayName: '{displayName}',
      email: '{email}',
      title: '{title}',
      department: '{department}',
      employeeNumber: '{employeeNumber}',
      costCenter: '{costCenter}',
    },
    limits: SCIM_LIMITS,
    create: (config, secrets) => new ScimConnector(ZScimConfig.parse(config), ZScimSecrets.parse(secrets)),
    endpoint: (config) => {
      const c = ZScimConfig.parse(config);
      return { baseUrl: c.baseUrl, auth: c.auth };
    },
  },
  SALESFORCE: {
    label: 'Salesforce (Users, Profiles, permission sets)',
    configSchema: ZSalesforceConfig,
    secretsSchema: ZSalesforceSecrets,
    // No ProfileId: new users get the config's defaultProfileId, and Profile is granted as an entitlement.
    defaultMapping: {
      Username: '{email}',
      Email: '{email}',
      FirstName: '{firstName}',
      LastName: '{lastName}',
      Alias: '{firstName|ascii|initial}{lastName|ascii|lower|truncate:7}',
      Title: '{title}',
      Department: '{department}',
      EmployeeNumber: '{employeeNumber}',
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    },
    limits: SALESFORCE_LIMITS,
    create: (config, secrets) =>
      new SalesforceConnector(ZSalesforceConfig.parse(config), ZSalesforceSecrets.parse(secrets)),
    endpoint: (config) => {
      const c = ZSalesforceConfig.parse(config);
      return { loginUrl: c.loginUrl, auth: c.auth };
    },
  },
};

export type TApplicationConnection = {
  id: string;
  connectorType: ConnectorType;
  config: unknown;
  /** Sealed with GATEHOUSE_SECRET_KEY. */
  secrets: string | null;
};

export function connectorDefinition(type: ConnectorType): TConnectorDefinition {
  const def = CONNECTOR_DEFINITIONS[type];
  if (!def) throw new ConnectorError('invalidConfig', `no connector is available for ${type}`);
  return def;
}

/**
 * The one spelling of an entitlement's target id that every entitlement naming the same thing in the
 * target shares: the catalog refuses a second entitlement with the same key, aggregation and
 * reconciliation match what the target lists by it. SCIM and Salesforce ids compare in lower case,
 * as aggregation and reconciliation always matched them (a Salesforce 18-character id is unique so).
 */
export function entitlementKey(type: ConnectorType, externalId: string): string {
  const key = CONNECTOR_DEFINITIONS[type]?.entitlementKey;
  return key ? key(externalId) : externalId.toLowerCase();
}

/** Builds a connector from an application's stored settings. Invalid settings are permanent errors. */
export function createConnector(app: TApplicationConnection, secretKey: Buffer): TConnector {
  const def = connectorDefinition(app.connectorType);
  const config = def.configSchema.safeParse(app.config);
  if (!config.success)
    throw new ConnectorError(
      'invalidConfig',
      `invalid ${app.connectorType} settings: ${settingIssues(config.error)}`,
    );
  let secrets: unknown = {};
  if (app.secrets) {
    try {
      secrets = JSON.parse(decryptSecret(app.secrets, secretKey, applicationSecretBinding(app.id)));
    } catch (error) {
      throw new ConnectorError(
        'invalidConfig',
        'the stored secrets cannot be decrypted with GATEHOUSE_SECRET_KEY',
        { cause: error },
      );
    }
  }
  const parsedSecrets = def.secretsSchema.safeParse(secrets);
  if (!parsedSecrets.success)
    throw new ConnectorError(
      'invalidConfig',
      `missing ${app.connectorType} secrets: ${settingIssues(parsedSecrets.error)}`,
    );
  return def.create(config.data, parsedSecrets.data);
}

/** A stored setting the connector's rules refuse, by its path (`disable.attribute`). */
export type TSettingProblem = { field: string; message: string };

/**
 * What is wrong with an application's stored settings under today's rules: none when they load. A
 * rule added by an upgrade can refuse settings saved before it; the application's page shows these,
 * and building its connector fails with them (createConnector), until the identity team saves a fix.
 */
export function storedSettingProblems(type: ConnectorType, config: unknown): TSettingProblem[] {
  const parsed = connectorDefinition(type).configSchema.safeParse(config);
  return parsed.success ? [] : settingProblems(parsed.error);
}

function settingProblems(error: z.ZodError): TSettingProblem[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'settings', message: i.message }));
}

/** Each setting that is wrong, by its name: `baseUrl: Invalid URL; auth.type: Invalid input`. */
function settingIssues(error: z.ZodError): string {
  return settingProblems(error)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ');
}
