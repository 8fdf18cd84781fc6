import { describe, expect, it } from 'vitest';
import { computeStageOutcome, seatsOf, type TStepState } from './stage-outcome.ts';

const steps = (...states: TStepState[]) =>
  states.map((status, i) => ({ id: `s${i}`, status, escalatedFromId: null }));

describe('computeStageOutcome', () => {
  it.each([
    ['ANY: nobody yet', 'ANY', 1, steps('PENDING', 'PENDING'), 'PENDING'],
    ['ANY: one approval', 'ANY', 1, steps('APPROVED', 'SKIPPED'), 'APPROVED'],
    ['ANY: the first decision is a denial', 'ANY', 1, steps('DENIED', 'PENDING'), 'DENIED'],
    ['ALL: one of two', 'ALL', 1, steps('APPROVED', 'PENDING'), 'PENDING'],
    ['ALL: both', 'ALL', 1, steps('APPROVED', 'APPROVED'), 'APPROVED'],
    ['ALL: one denial', 'ALL', 1, steps('APPROVED', 'DENIED', 'PENDING'), 'DENIED'],
    ['2 of 3: one approval', 'QUORUM', 2, steps('APPROVED', 'PENDING', 'PENDING'), 'PENDING'],
    ['2 of 3: two approvals', 'QUORUM', 2, steps('APPROVED', 'APPROVED', 'PENDING'), 'APPROVED'],
    ['2 of 3: one denial still leaves two', 'QUORUM', 2, steps('DENIED', 'PENDING', 'PENDING'), 'PENDING'],
    ['2 of 3: two denials make two impossible', 'QUORUM', 2, steps('DENIED', 'DENIED', 'PENDING'), 'DENIED'],
    ['2 of 3: approve, deny, approve', 'QUORUM', 2, steps('APPROVED', 'DENIED', 'APPROVED'), 'APPROVED'],
  ] as const)('%s', (_name, mode, quorum, list, outcome) => {
    expect(computeStageOutcome({ mode, quorum }, list).outcome).toBe(outcome);
  });

  it('counts an escalated seat once, whoever of the two decides it', () => {
    const list = [
      { id: 'a', status: 'SKIPPED' as const, escalatedFromId: null },
      { id: 'a-up', status: 'APPROVED' as const, escalatedFromId: 'a' },
      { id: 'b', status: 'PENDING' as const, escalatedFromId: null },
    ];
    expect(seatsOf(list).map((seat) => seat.map((s) => s.id))).toEqual([['a', 'a-up'], ['b']]);
    expect(computeStageOutcome({ mode: 'ALL', quorum: 1 }, list)).toMatchObject({
      outcome: 'PENDING',
      approvals: 1,
      open: 1,
      required: 2,
    });
    expect(computeStageOutcome({ mode: 'QUORUM', quorum: 2 }, list)).toMatchObject({
      outcome: 'PENDING',
      approvals: 1,
    });
  });

  it('reports progress for the approvals page', () => {
    expect(
      computeStageOutcome({ mode: 'QUORUM', quorum: 2 }, steps('APPROVED', 'PENDING', 'PENDING')),
    ).toEqual({
      outcome: 'PENDING',
      approvals: 1,
      denials: 0,
      open: 2,
      required: 2,
      seats: 3,
    });
  });
});
