import { seg, type AdminClient } from '../admin/client';

export interface Retention {
  /** Absent or null: closed conversations are kept forever. */
  retentionDays?: number | null;
}

/** What erasing a visitor deleted, by kind. */
export interface Erasure {
  visitorId: string;
  conversations: number;
  messages: number;
  pageViews: number;
  tokens: number;
  bans: number;
}

export const loadRetention = (admin: AdminClient): Promise<Retention> => admin.get('/api/v1/admin/retention');
export const saveRetention = (admin: AdminClient, retentionDays: number | null | string): Promise<Retention> =>
  admin.put('/api/v1/admin/retention', { retentionDays });

const visitor = (id: string) => '/api/v1/admin/visitors/' + seg(id.trim());

/** Everything stored about one visitor, as the JSON download the server streams. */
export const openVisitorExport = (admin: AdminClient, visitorId: string, signal?: AbortSignal): Promise<Response> =>
  admin.open(visitor(visitorId) + '/export', signal);
export const eraseVisitor = (admin: AdminClient, visitorId: string): Promise<Erasure> => admin.delete<Erasure>(visitor(visitorId));
