import { router } from '../../init.ts';
import { cancelRequest } from './cancel-request.ts';
import { createRequest } from './create-request.ts';
import { extendAccess } from './extend-access.ts';
import { getRequest } from './get-request.ts';
import { listMyRequests } from './list-my-requests.ts';
import { previewRequest } from './preview-request.ts';

export const requestsRouter = router({
  get: getRequest,
  create: createRequest,
  preview: previewRequest,
  extend: extendAccess,
  listMine: listMyRequests,
  cancel: cancelRequest,
});
