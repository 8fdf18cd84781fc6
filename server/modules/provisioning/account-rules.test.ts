import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import { nameAccount, pickUsername } from './account-naming.ts';
import {
  createAccountExtras,
  createAccountPayload,
  generateInitialPassword,
  missingRequiredAttributes,
  parseAccountRules,
} from './account-rules.ts';
import type { TMappingSource } from './attribute-mapping.ts';

const person: TMappingSource = {
  username: 'sean',
  email: 'sean@acme.test',
  firstName: 'Seán',
  lastName: "O'Brien",
  displayName: 'Seán O’Brien',
  department: 'Sales',
  title: null,
  location: 'New York',
  costCenter: null,
  employmentType: 'EMPLOYEE',
  employeeNumber: null,
};

describe('account creation rules', () => {
  it('first.last: lower-case, ASCII-folded, letters only, a number on collision', () => {
    const rules = { usernameTemplate: '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}' };
    const base = nameAccount(rules, person).base!;
    expect(base).toBe('sean.obrien');
    expect(pickUsername(base, (c) => c === 'sean.obrien')).toBe('sean.obrien2');
    expect(nameAccount({ ...rules, maxLength: 8 }, { ...person, lastName: 'Ångström-Lindqvist' }).base).toBe(
      'sean.ang',
    );
  });

  it('finds required attributes that are empty, in the account or on the person', () => {
    const rules = parseAccountRules({ requiredAttributes: ['mail', 'employeeNumber', 'title'] });
    expect(missingRequiredAttributes(rules, { mail: 'sean@acme.test' }, person)).toEqual([
      'employeeNumber',
      'title',
    ]);
  });

  it('refuses a create before it reaches the target, with the reason', () => {
    const payload = createAccountPayload(
      { connectorType: 'LDAP', accountRules: { requiredAttributes: ['employeeNumber'] } },
      {},
      person,
    );
    expect(payload.refused).toMatch(/employeeNumber is required and empty/);
    expect(() => createAccountExtras(payload)).toThrow(ConnectorError);
  });

  it('refuses a create whose attributes are longer than the target takes, naming each', () => {
    const payload = createAccountPayload(
      { connectorType: 'SALESFORCE', accountRules: {} },
      { Alias: 'seanobrien', LastName: "O'Brien" },
      person,
    );
    expect(payload.refused).toBe(
      'Account rules: Alias is 10 characters and the target takes at most 8; the account was not created',
    );
    expect(
      createAccountPayload({ connectorType: 'SALESFORCE', accountRules: {} }, { Alias: 'sobrien' }, person)
        .refused,
    ).toBeUndefined();
  });

  it('records only that a random password is set; the password exists only at apply time', () => {
    const payload = createAccountPayload(
      { connectorType: 'LDAP', accountRules: { initialPassword: 'random' } },
      {},
      person,
    );
    expect(payload).toEqual({ initialPassword: 'random' });
    const { password } = createAccountExtras(payload);
    expect(password).toHaveLength(24);
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password).not.toBe(createAccountExtras(payload).password);
    expect(createAccountExtras({})).toEqual({});
  });

  it('makes strong passwords', () => {
    expect(new Set(Array.from({ length: 200 }, () => generateInitialPassword())).size).toBe(200);
  });
});
