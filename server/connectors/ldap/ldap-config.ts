import { z } from 'zod';
import { isAttributeType } from './ldap-escape.ts';

/** A setting naming an attribute (or an object class, named alike): it goes into filters and DNs as it is, unescapable there. */
const ZAttributeType = z
  .string()
  .max(100, 'at most 100 characters')
  .refine(isAttributeType, 'must be an attribute name (letters, digits and -, starting with a letter)');

/** Non-secret LDAP settings, stored in Application.config. */
export const ZLdapConfig = z.object({
  url: z
    .string()
    .regex(/^ldaps?:\/\/[^\s/]+(:\d+)?\/?$/, 'must look like ldap://host:389 or ldaps://host:636'),
  bindDn: z.string().min(1),
  baseDn: z.string().min(1),
  /** Relative to baseDn. */
  peopleOu: z.string().default('ou=people'),
  groupsOu: z.string().default('ou=groups'),
  usernameAttribute: ZAttributeType.default('uid'),
  accountObjectClasses: z
    .array(ZAttributeType)
    .max(20)
    .default(['top', 'person', 'organizationalPerson', 'inetOrgPerson']),
  /** How a disabled account looks: locked by ppolicy, moved to an OU, or left alone. */
  disable: z
    .discriminatedUnion('method', [
      z.object({
        method: z.literal('lockAttribute'),
        attribute: ZAttributeType.default('pwdAccountLockedTime'),
        value: z.string().default('000001010000Z'),
      }),
      z.object({ method: z.literal('moveToOu'), ou: z.string().default('ou=disabled') }),
      z.object({ method: z.literal('none') }),
    ])
    .default({ method: 'lockAttribute', attribute: 'pwdAccountLockedTime', value: '000001010000Z' }),
  /**
   * The directory's default password policy entry (slapd's ppolicy_default), read to show its rules
   * where a person sets a password, when the account names no pwdPolicySubentry of its own and the
   * directory does not say which applies. The directory enforces it either way.
   */
  passwordPolicyDn: z.string().min(1).max(1000).optional(),
  /** groupOfNames needs a member: this DN stands in when the last real member leaves. */
  placeholderMember: z.string().optional(),
  tls: z
    .object({
      startTls: z.boolean().default(false),
      rejectUnauthorized: z.boolean().default(true),
      caCertPem: z.string().optional(),
    })
    .default({ startTls: false, rejectUnauthorized: true }),
  timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
  pageSize: z.number().int().min(10).max(5000).default(500),
  poolSize: z.number().int().min(1).max(32).default(4),
});

export const ZLdapSecrets = z.object({ bindPassword: z.string().min(1) });

export type TLdapConfig = z.infer<typeof ZLdapConfig>;
export type TLdapSecrets = z.infer<typeof ZLdapSecrets>;

export const peopleDn = (c: TLdapConfig) => `${c.peopleOu},${c.baseDn}`;
export const groupsDn = (c: TLdapConfig) => `${c.groupsOu},${c.baseDn}`;
export const placeholderDn = (c: TLdapConfig) => c.placeholderMember ?? `cn=nobody,${c.baseDn}`;
/** Where disabled accounts live, when disabling moves them. */
export const disabledDn = (c: TLdapConfig) =>
  c.disable.method === 'moveToOu' ? `${c.disable.ou},${c.baseDn}` : null;
/** Every place an account of this application can be. */
export const accountBases = (c: TLdapConfig) => [peopleDn(c), disabledDn(c)].filter((dn) => dn !== null);
/** The most specific object class an account has (inetOrgPerson by default). */
export const accountClass = (c: TLdapConfig) => c.accountObjectClasses.at(-1) ?? 'inetOrgPerson';
