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
    ['lower-case and ASCII fold', '{firstName|lower|ascii}.{lastName|lower|ascii|nospace}', "zoe.o'brien-angstrom"],
    ['default for an empty value', '{title|default:Staff member}', 'Staff member'],
    ['constant', 'Acme Corp', 'Acme Corp'],
    ['initial', '{firstName|initial}{lastName|initial}', 'ZO'],
    ['truncate', '{department|truncate:3|upper}', 'FIN'],
    ['free-form attributes', 'badge-{attributes.badge}', 'badge-42'],
  ])('%s', (_name, template, expected) => {
    expect(renderTemplate(template, zoe)).toBe(expected);
  });

  it('gives null for an empty result', () => {
    expect(renderMapping({ title: '{title}', mail: '{email}' }, zoe)).toEqual({ title: null, mail: 'zoe@acme.test' });
  });

  it('refuses an unknown filter', () => {
    expect(() => renderTemplate('{firstName|shout}', zoe)).toThrow(/unknown mapping filter/);
  });

  it('folds letters that NFKD does not decompose', () => {
    expect(asciiFold('Straße Søren Łukasz Ægir')).toBe('Strasse Soren Lukasz AEgir');
  });
});
