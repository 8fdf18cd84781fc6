import { describe, expect, it } from 'vitest';
import { asciiFold, renderMapping, renderTemplate, type TMappingSource } from './attribute-mapping.ts';

const zoe: TMappingSource = {
  username: 'zoe',
  email: 'zoe@acme.test',
  firstName: 'Zoë',
  lastName: "O'Brien-Ångström",
  displayName: "Zoë O'Brien-Ångström",
  department: 'Finance',
  title: null,
  location: 'Berlin',
  costCenter: 'CC-100',
  employmentType: 'CONTRACTOR',
  employeeNumber: 'E100',
  attributes: { badge: 42 },
};

describe('attribute mapping', () => {
  it.each([
    ['concatenation', '{firstName} {lastName}', "Zoë O'Brien-Ångström"],
    [
      'lower-case and ASCII fold',
      '{firstName|lower|ascii}.{lastName|lower|ascii|nospace}',
      "zoe.o'brien-angstrom",
    ],
    ['default for an empty value', '{title|default:Staff member}', 'Staff member'],
    ['constant', 'Acme Corp', 'Acme Corp'],
    ['initial', '{firstName|initial}{lastName|initial}', 'ZO'],
    ['truncate', '{department|truncate:3|upper}', 'FIN'],
    ['free-form attributes', 'badge-{attributes.badge}', 'badge-42'],
    ['a filter argument with a colon', '{title|default:ou=a:b}', 'ou=a:b'],
    [
      'text around and between fields, and a lone brace',
      'cn={username}, {{email}} } {',
      'cn=zoe, {zoe@acme.test} } {',
    ],
  ])('%s', (_name, template, expected) => {
    expect(renderTemplate(template, zoe)).toBe(expected);
  });

  it('gives null for an empty result', () => {
    expect(renderMapping({ title: '{title}', mail: '{email}' }, zoe)).toEqual({
      title: null,
      mail: 'zoe@acme.test',
    });
  });

  it('renders one template for different people', () => {
    const template = 'uid={username|upper},dept={department|default:none}';
    expect(renderTemplate(template, zoe)).toBe('uid=ZOE,dept=Finance');
    expect(renderTemplate(template, { ...zoe, username: 'max', department: null })).toBe('uid=MAX,dept=none');
  });

  it('refuses an unknown filter', () => {
    expect(() => renderTemplate('{firstName|shout}', zoe)).toThrow(/unknown mapping filter/);
  });

  it('folds letters that NFKD does not decompose', () => {
    expect(asciiFold('Straße Søren Łukasz Ægir')).toBe('Strasse Soren Lukasz AEgir');
  });
});
