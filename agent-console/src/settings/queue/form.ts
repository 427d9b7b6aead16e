import { optionalNumber } from '../admin/forms';
import type { BusinessHours, DayException, Policy, QueueSettings, WeeklySlot } from './api';

/** The queue settings form as typed: numbers stay text until saved, business hours are switched on or off. */
export interface QueueForm {
  policy: Policy;
  teamId: string;
  maxChatsPerAgent: string;
  queueTimeoutSeconds: string;
  noReplyTimeoutSeconds: string;
  autoCloseMinutes: string;
  maxQueueLength: string;
  hoursOn: boolean;
  hours: BusinessHours;
}

/** The zone new business hours start in: the admin's own. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Monday to Friday, nine to five: where most teams start. */
export function officeHours(zone: string): BusinessHours {
  const weekly: WeeklySlot[] = (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const)
    .map((day) => ({ day, from: '09:00', to: '17:00' }));
  return { zone, weekly, exceptions: [] };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function toForm(s: QueueSettings, zone = localZone()): QueueForm {
  return {
    policy: s.policy,
    teamId: s.teamId ?? '',
    maxChatsPerAgent: text(s.maxChatsPerAgent),
    queueTimeoutSeconds: text(s.queueTimeoutSeconds),
    noReplyTimeoutSeconds: text(s.noReplyTimeoutSeconds),
    autoCloseMinutes: text(s.autoCloseMinutes),
    maxQueueLength: text(s.maxQueueLength),
    hoursOn: !!s.businessHours,
    hours: s.businessHours
      ? { zone: s.businessHours.zone, weekly: [...(s.businessHours.weekly ?? [])], exceptions: [...(s.businessHours.exceptions ?? [])] }
      : officeHours(zone),
  };
}

/** The PUT body: blank optional settings are switched off (null); business hours only while switched on. */
export function toRequest(f: QueueForm): Record<string, unknown> {
  return {
    policy: f.policy,
    teamId: f.teamId === '' ? null : f.teamId,
    maxChatsPerAgent: optionalNumber(f.maxChatsPerAgent),
    queueTimeoutSeconds: optionalNumber(f.queueTimeoutSeconds),
    noReplyTimeoutSeconds: optionalNumber(f.noReplyTimeoutSeconds),
    autoCloseMinutes: optionalNumber(f.autoCloseMinutes),
    maxQueueLength: optionalNumber(f.maxQueueLength),
    businessHours: f.hoursOn
      ? { zone: f.hours.zone.trim(), weekly: f.hours.weekly, exceptions: f.hours.exceptions.map((e: DayException) => ({ date: e.date, slots: e.slots })) }
      : null,
  };
}
