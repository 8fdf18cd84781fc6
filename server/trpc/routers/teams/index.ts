import { router } from '../../init.ts';
import { addTeamMember } from './add-team-member.ts';
import { createTeam } from './create-team.ts';
import { deleteTeam } from './delete-team.ts';
import { getTeam } from './get-team.ts';
import { listTeams } from './list-teams.ts';
import { removeTeamMember } from './remove-team-member.ts';
import { updateTeam } from './update-team.ts';

/** Teams (approver pools, fulfilment desks, security reviewers) and who is in them. */
export const teamsRouter = router({
  list: listTeams,
  get: getTeam,
  create: createTeam,
  update: updateTeam,
  addMember: addTeamMember,
  removeMember: removeTeamMember,
  delete: deleteTeam,
});
