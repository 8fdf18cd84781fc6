// The public surface of teams: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { addTeamMember } from './add-team-member.ts';
export { createTeam } from './create-team.ts';
export { deleteTeam } from './delete-team.ts';
export { getTeam } from './get-team.ts';
export { listTeams } from './list-teams.ts';
export { removeTeamMember } from './remove-team-member.ts';
export { updateTeam } from './update-team.ts';
