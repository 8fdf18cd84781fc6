import { lockInTransaction } from '@/server/db/advisory-lock.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';

/** Held shared by every transaction that writes EntitlementWord rows (db_search_words_add), exclusively here. */
const PRUNE_LOCK_KEY = 'gatehouse:search-words-prune';

/**
 * Deletes the search words no entitlement holds any more (a rename, a new description or a deleted
 * entitlement left them behind), in one statement. They led a search nowhere but still counted toward
 * the words a search may read (MAX_WORD_STREAMS) and took room in the trigram index. Runs only when no
 * transaction that writes an entitlement's words is open (the lock, migration
 * 20261206154740_search_words_pruned, docs/decisions/098): otherwise a word such a transaction found
 * and is about to hold could be deleted under it. When one is open the prune waits for the next night
 * rather than make writers queue behind it (`pruned: null`).
 */
export async function pruneSearchWords(db: TDb): Promise<{ pruned: number | null }> {
  return inTransaction(db, async (tx) => {
    if (!(await lockInTransaction(tx, PRUNE_LOCK_KEY, { wait: false }))) return { pruned: null };
    // A statement of its own, so its snapshot sees every writer that committed before the lock.
    const pruned = await tx.$executeRaw`
      DELETE FROM "SearchWord" s WHERE NOT EXISTS (SELECT 1 FROM "EntitlementWord" w WHERE w."wordId" = s.id)`;
    return { pruned };
  });
}
