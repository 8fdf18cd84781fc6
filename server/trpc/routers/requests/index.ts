import { router } from '../../init.ts';
import { cancelRequest } from './cancel-request.ts';
import { createRequest } from './create-request.ts';
import { listMyRequests } from './list-my-requests.ts';

export const requestsRouter = router({ create: createRequest, listMine: listMyRequests, cancel: cancelRequest });
