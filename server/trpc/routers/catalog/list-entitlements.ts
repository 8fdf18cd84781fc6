import { listCatalog } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListEntitlementsInput, ZListEntitlementsOutput } from './list-entitlements.schema.ts';

export const listEntitlements = permissionProcedure('catalog.read')
  .meta({
    openapi: {
      method: 'GET',
      path: '/catalog',
      tags: ['Catalog'],
      summary: 'Search the catalog',
      description:
        'Requestable entitlements, by words, application or risk; page with `cursor` (the last item’s id).',
    },
  })
  .input(ZListEntitlementsInput)
  .output(ZListEntitlementsOutput)
  .query(({ ctx, input }) => listCatalog(ctx.db, ctx.actor, input));
