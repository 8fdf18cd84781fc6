import { z } from 'zod';

/** Input pieces the tools share; every string has a maximum length (broken text is refused by defineMcpTool). */
export const ZMcpId = z.string().uuid('must be an id (a UUID from search_catalog or my_requests)');
export const ZMcpItem = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']).default('ENTITLEMENT'),
  id: ZMcpId,
});
export const ZMcpItems = z
  .array(ZMcpItem)
  .min(1, 'items: at least one item')
  .max(10, 'items: at most 10 items at once');
export const ZMcpEndsAt = z.iso
  .datetime({ offset: true, message: 'endsAt: an ISO 8601 date and time' })
  .max(40)
  .optional();
