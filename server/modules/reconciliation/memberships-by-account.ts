/**
 * Memberships by observed account: entitlement id -> a value (an open period's id, or the entitlement
 * id itself for a set). A full run holds 300,000 of them twice (the open periods it preloads, those it
 * finds); a string key per pair (`<account>:<entitlement>`) cost a new string, its hash and a slot in
 * a 300,000-entry table for each, most of it garbage for Node to collect (docs/decisions/090). Here
 * an account's few memberships are a short list searched in place; one holding many (an
 * administrator in every group) gets a map of its own.
 */
export class MembershipsByAccount<V extends string = string> {
  private readonly small = new Map<string, string[]>();
  private readonly large = new Map<string, Map<string, V>>();

  /** Sets the pair's value; answers false (changing nothing) when the pair is held already. */
  add(accountId: string, entitlementId: string, value: V): boolean {
    const big = this.large.get(accountId);
    if (big) {
      if (big.has(entitlementId)) return false;
      big.set(entitlementId, value);
      return true;
    }
    const list = this.small.get(accountId);
    if (!list) {
      this.small.set(accountId, [entitlementId, value]);
      return true;
    }
    for (let i = 0; i < list.length; i += 2) if (list[i] === entitlementId) return false;
    list.push(entitlementId, value);
    if (list.length >= LARGE * 2) {
      const map = new Map<string, V>();
      for (let i = 0; i < list.length; i += 2) map.set(list[i]!, list[i + 1] as V);
      this.large.set(accountId, map);
      this.small.delete(accountId);
    }
    return true;
  }

  get(accountId: string, entitlementId: string): V | undefined {
    const big = this.large.get(accountId);
    if (big) return big.get(entitlementId);
    const list = this.small.get(accountId);
    if (list) for (let i = 0; i < list.length; i += 2) if (list[i] === entitlementId) return list[i + 1] as V;
    return undefined;
  }

  /** The account's entitlement ids, in the order added (none: an empty list). */
  entitlementsOf(accountId: string): string[] {
    const big = this.large.get(accountId);
    if (big) return [...big.keys()];
    const list = this.small.get(accountId);
    const ids: string[] = [];
    if (list) for (let i = 0; i < list.length; i += 2) ids.push(list[i]!);
    return ids;
  }

  /** Every pair: account id, entitlement id, value. */
  *entries(): Generator<[string, string, V]> {
    for (const [accountId, list] of this.small)
      for (let i = 0; i < list.length; i += 2) yield [accountId, list[i]!, list[i + 1] as V];
    for (const [accountId, map] of this.large)
      for (const [entitlementId, value] of map) yield [accountId, entitlementId, value];
  }
}

/** Memberships an account holds before its own map pays for itself over a list searched in place. */
const LARGE = 16;
