import { router } from '../../init.ts';
import { connectorTypes } from './connector-types.ts';
import { getApplication } from './get-application.ts';
import { listApplications } from './list-applications.ts';
import { listFulfilmentTeams } from './list-fulfilment-teams.ts';
import { previewMapping } from './preview-mapping.ts';
import { previewMappingChange } from './preview-mapping-change.ts';
import { saveApplication } from './save-application.ts';
import { testConnection } from './test-connection.ts';

export const applicationsRouter = router({
  list: listApplications,
  get: getApplication,
  save: saveApplication,
  testConnection,
  previewMapping,
  previewMappingChange,
  connectorTypes,
  fulfilmentTeams: listFulfilmentTeams,
});
