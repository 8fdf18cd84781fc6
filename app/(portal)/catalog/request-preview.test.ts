import { describe, expect, it } from 'vitest';
import { stageSentence } from './request-preview.tsx';

type TStage = Parameters<typeof stageSentence>[0];

describe('who approves, as the requester reads it before sending', () => {
  it('says why a stage skips the usual approver: the requester, or the person it is for, is that approver', () => {
    const stage = {
      kind: 'STANDARD',
      mode: 'ANY',
      required: 1,
      approvers: [{ displayName: 'Fiona Byrne', reason: 'SELF_REROUTE', team: null }],
    } as unknown as TStage;
    expect(stageSentence(stage)).toBe(
      'Fiona Byrne (one level up: the usual approver is you or the person it is for) approves',
    );
  });
});
