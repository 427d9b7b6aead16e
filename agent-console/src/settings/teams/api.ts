import { seg, type AdminClient } from '../admin/client';

export interface AdminTeam {
  id: string;
  name: string;
  memberIds: string[];
}

const BASE = '/api/v1/admin/teams';
const one = (id: string) => BASE + '/' + seg(id);

export const listTeams = (admin: AdminClient): Promise<AdminTeam[]> => admin.get(BASE);
export const createTeam = (admin: AdminClient, name: string): Promise<AdminTeam> => admin.post(BASE, { name });
export const renameTeam = (admin: AdminClient, id: string, name: string): Promise<AdminTeam> => admin.patch(one(id), { name });
export const deleteTeam = (admin: AdminClient, id: string): Promise<void> => admin.delete(one(id));
export const addMember = (admin: AdminClient, id: string, agentId: string): Promise<AdminTeam> =>
  admin.put(one(id) + '/members/' + seg(agentId));
export const removeMember = (admin: AdminClient, id: string, agentId: string): Promise<AdminTeam | undefined> =>
  admin.delete(one(id) + '/members/' + seg(agentId)).then(() => undefined);
