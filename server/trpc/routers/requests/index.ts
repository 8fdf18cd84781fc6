import { router } from '../../init.ts';
import { cancelRequest } from './cancel-request.ts';
import { createRequest } from './create-request.ts';
import { extendAccess } from './extend-access.ts';
import { listMyRequests } from './list-my-requests.ts';
import { previewRequest } from './preview-request.ts';

export const requestsRouter = router({ create: createRequest, preview: previewRequest, extend: extendAccess, listMine: listMyRequests, cancel: cancelRequest });
