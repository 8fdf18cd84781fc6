import { describe, expect, it } from 'vitest';
import { CONNECTOR_FORMS } from '@/server/shared/connector-forms/connector-form-fields.ts';
import { storedProblemErrors, storedProblemName } from './stored-setting-problems.ts';

const LDAP = CONNECTOR_FORMS.LDAP;
const problems = [
  { field: 'usernameAttribute', message: 'must be an attribute name' },
  { field: 'accountObjectClasses.2', message: 'at most 100 characters' },
  { field: 'accountObjectClasses.2', message: 'must be an attribute name' },
  { field: 'retiredSetting', message: 'Unrecognized key' },
];

describe('a stored setting today’s rules refuse', () => {
  it('is named by its label on the form, a list’s entry by its line', () => {
    expect(problems.map((p) => storedProblemName(LDAP, p.field))).toEqual([
      'Username attribute',
      'Account object classes, line 3',
      'Account object classes, line 3',
      'retiredSetting',
    ]);
  });

  it('is an error under its field until the person changes that field', () => {
    const loaded = { usernameAttribute: 'uid)(x', accountObjectClasses: 'top\nperson\nbad' };
    expect(storedProblemErrors(LDAP, problems, loaded, loaded)).toEqual({
      'config.usernameAttribute': 'must be an attribute name',
      'config.accountObjectClasses.2': 'at most 100 characters',
      'config.retiredSetting': 'Unrecognized key',
    });
    const edited = { ...loaded, usernameAttribute: 'uid' };
    expect(Object.keys(storedProblemErrors(LDAP, problems, loaded, edited))).toEqual([
      'config.accountObjectClasses.2',
      'config.retiredSetting',
    ]);
  });
});
