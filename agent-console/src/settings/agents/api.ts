import type { Role } from '../../auth/types';
import { seg, type AdminClient } from '../admin/client';

export interface AdminAgent {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  capacityOverride?: number | null;
  active: boolean;
  createdAt: string;
}

export const ROLES: readonly Role[] = ['AGENT', 'SUPERVISOR', 'ADMIN'];

const BASE = '/api/v1/admin/agents';
const one = (id: string) => BASE + '/' + seg(id);

export const listAgents = (admin: AdminClient): Promise<AdminAgent[]> => admin.all<AdminAgent>(BASE);
export const createAgent = (admin: AdminClient, body: Record<string, unknown>): Promise<AdminAgent> => admin.post(BASE, body);
export const updateAgent = (admin: AdminClient, id: string, body: Record<string, unknown>): Promise<AdminAgent> => admin.patch(one(id), body);
export const deactivateAgent = (admin: AdminClient, id: string): Promise<AdminAgent> => admin.post(one(id) + '/deactivate');
export const reactivateAgent = (admin: AdminClient, id: string): Promise<AdminAgent> => admin.post(one(id) + '/reactivate');
export const inviteAgent = (admin: AdminClient, id: string): Promise<void> => admin.post(one(id) + '/invitation');
