import { z } from 'zod';
import { listCatalogApplications } from '@/server/modules/catalog/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZApplicationRef } from '../shared.schema.ts';

export const listApplications = permissionProcedure('catalog.read')
  .output(z.array(ZApplicationRef))
  .query(({ ctx }) => listCatalogApplications(ctx.db));
