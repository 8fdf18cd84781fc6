import crypto from 'node:crypto';
import { z } from 'zod';
import { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import { ACCOUNT_NAME_MAX } from './account-naming.ts';
import { renderTemplate, type TMappingSource } from './attribute-mapping.ts';
import { overLongAttributes, targetLimits } from './target-limits.ts';

/**
 * Account creation rules per application (Application.accountRules): how usernames are made, what
 * an account cannot be created without, and whether the target gets an initial random password.
 */
export const ZAccountRules = z.object({
  /** e.g. `{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}`; default `{username}`. */
  usernameTemplate: z.string().trim().max(200).optional(),
  /** Names the account when the template's name is not sound; default `{employeeNumber|ascii|lower}`. */
  fallbackTemplate: z.string().trim().max(200).optional(),
  maxLength: z.number().int().min(1).max(ACCOUNT_NAME_MAX).optional(),
  /** Account attributes (the mapping's output) or identity attributes that must not be empty. */
  requiredAttributes: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
  /** 'random': a strong password is generated for the create and never stored; only the fact is. */
  initialPassword: z.enum(['none', 'random']).default('none'),
});
export type TAccountRulesConfig = z.infer<typeof ZAccountRules>;

export function parseAccountRules(raw: unknown): TAccountRulesConfig {
  const parsed = ZAccountRules.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZAccountRules.parse({});
}

/**
 * The required attributes this person's account would lack. A name is looked up among the account's
 * attributes first, then among the person's (employeeNumber, email, attributes.x ...).
 */
export function missingRequiredAttributes(
  rules: TAccountRulesConfig,
  accountAttributes: Record<string, unknown>,
  person: TMappingSource,
): string[] {
  return rules.requiredAttributes.filter((name) => {
    const value = name in accountAttributes ? accountAttributes[name] : renderTemplate(`{${name}}`, person);
    return (
      value === null ||
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0)
    );
  });
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@^_'];

/** 24 characters from a CSPRNG with every character class present (targets with complexity rules). */
export function generateInitialPassword(length = 24): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((c) => c[crypto.randomInt(c.length)]!);
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** What a planned create carries besides username and attributes (CREATE_ACCOUNT payload). */
export type TCreateAccountPayload = {
  initialPassword?: 'random';
  refused?: string;
  namedByFallback?: string;
};

/**
 * At apply time: a create the account rules refused never reaches the target (a permanent error on
 * the operation, with the reason); a random initial password is made now and handed to the connector
 * only, so it exists nowhere else.
 */
export function createAccountExtras(payload: unknown): { password?: string } {
  const p = (payload ?? {}) as TCreateAccountPayload;
  if (p.refused) throw new ConnectorError('invalidAttribute', p.refused);
  return p.initialPassword === 'random' ? { password: generateInitialPassword() } : {};
}

/**
 * At planning time: the account rules' verdict on a create, recorded in its payload: refused for a
 * name the rules could not make (`naming`), a required attribute that is empty, or an attribute longer
 * than the target takes. Only the fact that a random password will be set is recorded, never a password.
 */
export function createAccountPayload(
  app: { name?: string; connectorType: Parameters<typeof targetLimits>[0]; accountRules: unknown },
  attributes: Record<string, unknown>,
  person: TMappingSource,
  naming: { refused?: string; fallback?: string | null } = {},
): TCreateAccountPayload {
  const rules = parseAccountRules(app.accountRules);
  const out: TCreateAccountPayload = {};
  const missing = missingRequiredAttributes(rules, attributes, person);
  const overLong = overLongAttributes(targetLimits(app.connectorType), attributes);
  const refusals = [
    naming.refused,
    missing.length
      ? `Account rules: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required and empty for this person; the account was not created`
      : null,
    overLong ? `Account rules: ${overLong}; the account was not created` : null,
  ].filter(Boolean);
  if (refusals.length) out.refused = refusals.join('. ');
  if (naming.fallback) out.namedByFallback = naming.fallback;
  if (rules.initialPassword === 'random') out.initialPassword = 'random';
  return out;
}
