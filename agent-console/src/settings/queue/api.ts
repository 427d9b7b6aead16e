import { seg, type AdminClient } from '../admin/client';

export type Policy = 'ROUND_ROBIN' | 'LEAST_BUSY' | 'MANUAL';
export const POLICIES: readonly Policy[] = ['ROUND_ROBIN', 'LEAST_BUSY', 'MANUAL'];

export type Day = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export const DAYS: readonly Day[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Wall-clock times `HH:mm` in the business hours' zone; a `to` of `00:00` is midnight at the day's end. */
export interface Slot {
  from: string;
  to: string;
}

export interface WeeklySlot extends Slot {
  day: Day;
}

export interface DayException {
  date: string;
  slots: Slot[];
}

export interface BusinessHours {
  zone: string;
  weekly: WeeklySlot[];
  exceptions: DayException[];
}

/** One site's queue settings, as `GET/PUT /api/v1/admin/sites/{id}/queue-settings` carry them. */
export interface QueueSettings {
  siteId?: string;
  policy: Policy;
  teamId?: string | null;
  maxChatsPerAgent: number;
  queueTimeoutSeconds: number;
  noReplyTimeoutSeconds?: number | null;
  autoCloseMinutes?: number | null;
  maxQueueLength?: number | null;
  businessHours?: BusinessHours | null;
}

const path = (siteId: string) => '/api/v1/admin/sites/' + seg(siteId) + '/queue-settings';

export const loadQueueSettings = (admin: AdminClient, siteId: string): Promise<QueueSettings> => admin.get(path(siteId));

/** Replaces all of the site's settings; the request carries numbers as typed, so the server names a bad one. */
export const saveQueueSettings = (admin: AdminClient, siteId: string, body: Record<string, unknown>): Promise<QueueSettings> =>
  admin.put(path(siteId), body);
