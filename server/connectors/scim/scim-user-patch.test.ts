import { describe, expect, it } from 'vitest';
import { flattenUser } from './scim-user-mapping.ts';
import { planUserUpdate } from './scim-user-patch.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const current = {
  id: 'u1',
  userName: 'ann',
  active: true,
  name: { givenName: 'Ann', familyName: 'Lee' },
  emails: [
    { type: 'home', value: 'ann@home.example' },
    { type: 'work', value: 'ann@corp.example', primary: true },
  ],
  title: 'Engineer',
  [ENTERPRISE]: { department: 'R&D', employeeNumber: '42' },
  meta: { resourceType: 'User', version: 'W/"1"' },
};

describe('planUserUpdate', () => {
  it('is null when the user already matches', () => {
    const attributes = {
      givenName: 'Ann',
      email: 'ann@corp.example',
      department: 'R&D',
      title: 'Engineer',
      nickName: null,
    };
    expect(planUserUpdate('/Users/u1', current, { attributes, active: true }, 'path')).toBeNull();
  });

  it('replaces only what differs, by path, keeping the other emails', () => {
    const plan = planUserUpdate(
      '/Users/u1',
      current,
      {
        attributes: { givenName: 'Anne', email: 'anne@corp.example', department: 'Ops', title: null },
        active: false,
      },
      'path',
    );
    expect(plan).toEqual({
      method: 'PATCH',
      path: '/Users/u1',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'remove', path: 'title' },
          { op: 'replace', path: 'active', value: false },
          { op: 'replace', path: 'name.givenName', value: 'Anne' },
          {
            op: 'replace',
            path: 'emails',
            value: [
              { type: 'home', value: 'ann@home.example' },
              { type: 'work', value: 'anne@corp.example', primary: true },
            ],
          },
          { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Ops' },
        ],
      },
    });
  });

  it('adds a work email as primary when the user has none', () => {
    const plan = planUserUpdate(
      '/Users/u1',
      { id: 'u1', userName: 'bob' },
      { attributes: { email: 'bob@corp.example' } },
      'path',
    );
    expect(plan?.body).toMatchObject({
      Operations: [
        {
          op: 'replace',
          path: 'emails',
          value: [{ type: 'work', value: 'bob@corp.example', primary: true }],
        },
      ],
    });
  });

  it('never takes a home email for the work one, but does take an untyped one', () => {
    const home = { id: 'u1', userName: 'c', emails: [{ type: 'home', value: 'c@home.example' }] };
    expect(
      planUserUpdate('/Users/u1', home, { attributes: { email: 'c@corp.example' } }, 'path')?.body,
    ).toMatchObject({
      Operations: [
        {
          path: 'emails',
          value: [
            { type: 'home', value: 'c@home.example' },
            { type: 'work', value: 'c@corp.example', primary: true },
          ],
        },
      ],
    });
    const untyped = { id: 'u1', userName: 'c', emails: [{ value: 'c@corp.example', primary: true }] };
    expect(
      planUserUpdate('/Users/u1', untyped, { attributes: { email: 'c@corp.example' } }, 'path'),
    ).toBeNull();
  });

  it('sends one value object for servers that refuse paths', () => {
    const plan = planUserUpdate(
      '/Users/u1',
      current,
      { attributes: { familyName: 'Li', employeeNumber: '43' } },
      'valueObject',
    );
    expect(plan?.body).toMatchObject({
      Operations: [
        {
          op: 'replace',
          value: {
            name: { givenName: 'Ann', familyName: 'Li' },
            [ENTERPRISE]: { department: 'R&D', employeeNumber: '43' },
          },
        },
      ],
    });
  });

  it('PUTs the whole user without read-only members, naming its extension', () => {
    const plan = planUserUpdate('/Users/u1', current, { attributes: { title: 'Lead' } }, 'put');
    expect(plan?.method).toBe('PUT');
    const body = plan?.body as Record<string, unknown>;
    expect(body.meta).toBeUndefined();
    expect(body.title).toBe('Lead');
    expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]);
  });

  it('reads attribute names case-insensitively', () => {
    const shouty = { id: 'u1', UserName: 'ann', Name: { GivenName: 'Ann' }, Title: 'Engineer' };
    expect(
      planUserUpdate('/Users/u1', shouty, { attributes: { givenName: 'Ann', title: 'Engineer' } }, 'path'),
    ).toBeNull();
  });
});

describe('flattenUser', () => {
  it('gives the planner flat names back', () => {
    expect(flattenUser(current)).toEqual({
      givenName: 'Ann',
      familyName: 'Lee',
      email: 'ann@corp.example',
      department: 'R&D',
      employeeNumber: '42',
      userName: 'ann',
      title: 'Engineer',
    });
  });
});
