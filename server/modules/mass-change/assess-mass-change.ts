import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { getMassChangeSettings } from './mass-change-settings.ts';

export type TMassChange = { affected: number; population: number; percent: number; isHeld: boolean };

/** A confirmation of a held mass change: explicit, with the reason the audit trail keeps. */
export type TMassChangeConfirmation = { confirm: true; reason: string } | null | undefined;

/** People a change can take access from: everyone who has not left. */
export const countPopulation = (db: TDb) => db.identity.count({ where: { status: { not: 'TERMINATED' } } });

/** Whether removing access from `affected` people is a mass change under the settings. */
export async function assessMassChange(db: TDb, affected: number): Promise<TMassChange> {
  const [settings, population] = await Promise.all([getMassChangeSettings(db), countPopulation(db)]);
  const percent = population ? Math.round((affected / population) * 1000) / 10 : 0;
  const isHeld =
    affected >= settings.minPeople && (affected / Math.max(1, population)) * 100 > settings.sharePercent;
  return { affected, population, percent, isHeld };
}

/** `deed` says what the change does to each of the people counted. */
export const describeMassChange = (m: TMassChange, deed = 'remove access from') =>
  `This would ${deed} ${m.affected} of ${m.population} people (${m.percent}%). Confirm to apply.`;

/**
 * Refuses a held mass change that is not confirmed (MASS_CHANGE_UNCONFIRMED, with the numbers for
 * the editor); returns the confirmation's reason when one was given for a held change.
 */
export function requireMassChangeConfirmation(
  m: TMassChange,
  confirmation: TMassChangeConfirmation,
  deed?: string,
): string | null {
  if (!m.isHeld) return null;
  if (!confirmation?.confirm || !confirmation.reason.trim()) {
    throw new AppError('MASS_CHANGE_UNCONFIRMED', describeMassChange(m, deed), {
      affected: m.affected,
      population: m.population,
      percent: m.percent,
    });
  }
  return confirmation.reason.trim();
}
