import { router } from '../../init.ts';
import { searchPeople } from './search-people.ts';

export const peopleRouter = router({ search: searchPeople });
