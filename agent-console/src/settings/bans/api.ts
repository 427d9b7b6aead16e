import { seg, type AdminClient, type Page } from '../admin/client';

export interface AdminBan {
  id: string;
  visitorId?: string | null;
  ipAddress?: string | null;
  reason?: string | null;
  createdBy?: string | null;
  createdAt: string;
  /** Absent: permanent. */
  expiresAt?: string | null;
}

const BASE = '/api/v1/admin/bans';

export const listBans = (admin: AdminClient, all: boolean, after?: string): Promise<Page<AdminBan>> =>
  admin.get(BASE + '?limit=50' + (all ? '&all=true' : '') + (after ? '&after=' + encodeURIComponent(after) : ''));
export const liftBan = (admin: AdminClient, id: string): Promise<void> => admin.delete(BASE + '/' + seg(id));
