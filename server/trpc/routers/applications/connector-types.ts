import { z } from 'zod';
import { listConnectorTypes } from '@/server/connectors/connector-types.ts';
import { permissionProcedure } from '../../init.ts';
import { ZConnectorTypeInfo } from './applications.schema.ts';

export const connectorTypes = permissionProcedure('provisioning.read')
  .output(z.array(ZConnectorTypeInfo))
  .query(() => listConnectorTypes());
