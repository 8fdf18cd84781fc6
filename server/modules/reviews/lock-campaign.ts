import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';

/** Locks a campaign's row for the rest of the transaction and reads it afresh (start, close, cancel serialise on it). */
export async function lockCampaign(tx: Prisma.TransactionClient, id: string) {
  await tx.$queryRaw`SELECT id FROM "ReviewCampaign" WHERE id = ${id}::uuid FOR UPDATE`;
  const campaign = await tx.reviewCampaign.findUnique({ where: { id } });
  if (!campaign) throw new AppError('NOT_FOUND', 'No such campaign');
  return campaign;
}
