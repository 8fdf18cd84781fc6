import { router } from '../../init.ts';
import { listNotifications } from './list-notifications.ts';
import { markRead } from './mark-read.ts';

export const notificationsRouter = router({ list: listNotifications, markRead });
