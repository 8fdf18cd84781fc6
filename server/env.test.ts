import { describe, expect, it } from 'vitest';
import { fileSettings, mailSettings, parseDatabaseSetupEnv, parseEnv, workerTuning } from './env.ts';

const BASE = {
  DATABASE_URL: 'postgresql://gatehouse:secret@db.example:5432/gatehouse',
  NEXTAUTH_SECRET: 'a-secret-of-at-least-16',
  GATEHOUSE_SECRET_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
};

describe('the environment', () => {
  it('reads the IdP groups that decide portal roles', () => {
    const env = parseEnv({
      ...BASE,
      OIDC_ROLE_GROUPS: 'IDENTITY_ADMIN=idm-team;AUDITOR=internal-audit',
      OIDC_GROUPS_CLAIM: 'roles',
    });
    expect(env.OIDC_ROLE_GROUPS).toEqual({ IDENTITY_ADMIN: ['idm-team'], AUDITOR: ['internal-audit'] });
    expect(env.OIDC_GROUPS_CLAIM).toBe('roles');
    expect(parseEnv(BASE).OIDC_ROLE_GROUPS).toBeUndefined();
  });

  it('names the variable and what is wrong with it', () => {
    expect(() => parseEnv({ ...BASE, OIDC_ROLE_GROUPS: 'ROOT=admins' })).toThrow(
      /OIDC_ROLE_GROUPS: "ROOT" is not a portal role/,
    );
    expect(() => parseEnv({ ...BASE, OIDC_ISSUER: 'https://idp.example' })).toThrow(
      /OIDC_ISSUER: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together/,
    );
    expect(() => parseEnv({ ...BASE, GATEHOUSE_SOURCE_FOLDERS: '/srv/hr:exports' })).toThrow(
      /GATEHOUSE_SOURCE_FOLDERS: every folder .* must be an absolute path/,
    );
    expect(
      parseEnv({ ...BASE, GATEHOUSE_SOURCE_FOLDERS: '/srv/hr:/mnt/exports' }).GATEHOUSE_SOURCE_FOLDERS,
    ).toBe('/srv/hr:/mnt/exports');
  });

  it('refuses demo sign-in away from loopback', () => {
    expect(() =>
      parseEnv({ ...BASE, GATEHOUSE_DEMO: 'true', NEXTAUTH_URL: 'https://gatehouse.acme.example' }),
    ).toThrow(/demo sign-in works only/);
    expect(
      parseEnv({ ...BASE, GATEHOUSE_DEMO: 'true', NEXTAUTH_URL: 'http://localhost:3000' }).GATEHOUSE_DEMO,
    ).toBe(true);
  });

  it('reads the portal’s and the owner’s database URLs for setup, and refuses an owner without the portal’s role', () => {
    const owner = 'postgresql://owner:secret@db.example:5432/gatehouse';
    expect(parseDatabaseSetupEnv({ DATABASE_URL: BASE.DATABASE_URL, DATABASE_OWNER_URL: owner })).toEqual({
      DATABASE_URL: BASE.DATABASE_URL,
      DATABASE_OWNER_URL: owner,
    });
    expect(parseDatabaseSetupEnv({ DATABASE_URL: '', DATABASE_OWNER_URL: '' })).toEqual({});
    expect(() => parseDatabaseSetupEnv({ DATABASE_OWNER_URL: owner })).toThrow(
      /DATABASE_OWNER_URL: set DATABASE_URL too/,
    );
    expect(() =>
      parseDatabaseSetupEnv({ DATABASE_URL: BASE.DATABASE_URL, DATABASE_OWNER_URL: 'owner' }),
    ).toThrow(/DATABASE_OWNER_URL must be a postgresql:\/\/ URL/);
  });
});

describe('settings read on their own', () => {
  it('the worker tuning has its defaults and refuses what is not a count, instead of a silent NaN', () => {
    expect(workerTuning({})).toEqual({ WORKER_BATCH_SIZE: 128, WORKER_FETCH_LOOPS: 2 });
    expect(workerTuning({ WORKER_BATCH_SIZE: '64', WORKER_FETCH_LOOPS: '4' })).toEqual({
      WORKER_BATCH_SIZE: 64,
      WORKER_FETCH_LOOPS: 4,
    });
    expect(() => workerTuning({ WORKER_BATCH_SIZE: 'lots' })).toThrow(/WORKER_BATCH_SIZE/);
    expect(() => workerTuning({ WORKER_FETCH_LOOPS: '0' })).toThrow(/WORKER_FETCH_LOOPS/);
  });

  it('mail and file settings come with the same defaults and checks as the whole environment', () => {
    expect(mailSettings({})).toEqual({
      NEXTAUTH_URL: 'http://localhost:3000',
      MAIL_FROM: 'Gatehouse <gatehouse@localhost>',
    });
    expect(() => fileSettings({ GATEHOUSE_SOURCE_FOLDERS: 'relative/folder' })).toThrow(/absolute path/);
  });
});
