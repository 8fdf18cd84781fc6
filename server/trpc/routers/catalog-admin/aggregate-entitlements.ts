import { aggregateEntitlements as aggregateEntitlementsUseCase } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZAggregateEntitlementsInput,
  ZAggregateEntitlementsOutput,
} from './aggregate-entitlements.schema.ts';

/** "Read from the application": the catalog aggregation, on demand (docs/decisions/058). */
export const aggregateEntitlements = permissionProcedure('admin.catalog.manage')
  .input(ZAggregateEntitlementsInput)
  .output(ZAggregateEntitlementsOutput)
  .mutation(({ ctx, input }) =>
    aggregateEntitlementsUseCase(
      ctx.db,
      { applicationId: input.applicationId, actor: ctx.actor },
      { secretKey: ctx.secretKey(), queue: ctx.queue },
    ),
  );
