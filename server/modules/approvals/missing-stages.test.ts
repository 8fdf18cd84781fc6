import { describe, expect, it } from 'vitest';
import { missingStages, type TStoredStage } from './missing-stages.ts';

const stored = (approverIds: string[], o: Partial<TStoredStage> = {}): TStoredStage => ({
  kind: 'APPROVAL',
  status: 'PENDING',
  quorum: 1,
  steps: approverIds.map((approverId) => ({ approverId, status: 'PENDING', escalatedFromId: null })),
  ...o,
});
const drafted = (name: string, approverIds: string[], required = 1) => ({
  kind: 'APPROVAL',
  name,
  required,
  approvers: approverIds.map((identityId) => ({ identityId })),
});

describe('missingStages: a drafted stage is there when a stored one asks only people it accepts', () => {
  const cases: Array<[string, TStoredStage[], ReturnType<typeof drafted>[], string[]]> = [
    ['the same people under another name', [stored(['mark'])], [drafted('Line manager', ['mark'])], []],
    [
      'the same name, other people',
      [stored(['mark'])],
      [drafted('Manager approval', ['sam'])],
      ['Manager approval'],
    ],
    [
      'two drafted stages, one stored stage of the first',
      [stored(['mark'])],
      [drafted('Review', ['mark']), drafted('Review', ['mark'])],
      ['Review'],
    ],
    ['a team that grew since', [stored(['sam'])], [drafted('Security', ['sam', 'sue'])], []],
    [
      'a team that lost a member since: asked again',
      [stored(['sam', 'sue'])],
      [drafted('Security', ['sam'])],
      ['Security'],
    ],
    [
      'a smaller quorum does not stand for a larger one',
      [stored(['a', 'b'])],
      [drafted('Two of', ['a', 'b'], 2)],
      ['Two of'],
    ],
    [
      'an escalated approver who has not approved is not one the stage was drawn with',
      [
        {
          ...stored(['mark']),
          steps: [
            { approverId: 'mark', status: 'PENDING', escalatedFromId: null },
            { approverId: 'bea', status: 'PENDING', escalatedFromId: 'step-1' },
          ],
        },
      ],
      [drafted('Manager approval', ['mark'])],
      [],
    ],
    [
      'a stage an escalated approver decided stands only for a stage that accepts them',
      [
        {
          ...stored(['mark']),
          status: 'APPROVED',
          steps: [
            { approverId: 'mark', status: 'SKIPPED', escalatedFromId: null },
            { approverId: 'bea', status: 'APPROVED', escalatedFromId: 'step-1' },
          ],
        },
      ],
      [drafted('Security', ['mark', 'sue'])],
      ['Security'],
    ],
    [
      'a skipped stage approved nothing',
      [stored(['mark'], { status: 'SKIPPED' })],
      [drafted('M', ['mark'])],
      ['M'],
    ],
    [
      'a mitigation stage is not an approval',
      [stored(['mark'], { kind: 'SOD_MITIGATION' })],
      [drafted('M', ['mark'])],
      ['M'],
    ],
  ];
  it.each(cases)('%s', (_, have, want, missing) => {
    expect(missingStages(have, want).map((s) => s.name)).toEqual(missing);
  });
});
