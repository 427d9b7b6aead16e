import { describe, expect, it } from 'vitest';
import { parseOrigins } from '../sites/api';
import { officeHours, toForm, toRequest } from './form';

describe('the queue rules form', () => {
  it('round-trips saved settings, business hours included', () => {
    const saved = {
      siteId: 'S', policy: 'LEAST_BUSY' as const, teamId: 'T', maxChatsPerAgent: 4, queueTimeoutSeconds: 120, noReplyTimeoutSeconds: 45,
      businessHours: { zone: 'Europe/Berlin', weekly: [{ day: 'MONDAY' as const, from: '09:00', to: '17:30' }],
        exceptions: [{ date: '2026-12-24', slots: [] }] },
    };
    expect(toRequest(toForm(saved))).toEqual({
      policy: 'LEAST_BUSY', teamId: 'T', maxChatsPerAgent: 4, queueTimeoutSeconds: 120, noReplyTimeoutSeconds: 45,
      autoCloseMinutes: null, maxQueueLength: null,
      businessHours: { zone: 'Europe/Berlin', weekly: [{ day: 'MONDAY', from: '09:00', to: '17:30' }], exceptions: [{ date: '2026-12-24', slots: [] }] },
    });
  });

  it('switches blank optional settings and unticked business hours off, and keeps a typed non-number for the server to name', () => {
    const form = toForm({ policy: 'ROUND_ROBIN', maxChatsPerAgent: 3, queueTimeoutSeconds: 300 }, 'Asia/Tokyo');
    expect(form.hoursOn).toBe(false);
    expect(form.hours).toEqual(officeHours('Asia/Tokyo'));
    const body = toRequest({ ...form, maxChatsPerAgent: ' 5 ', queueTimeoutSeconds: 'ten', noReplyTimeoutSeconds: '  ' });
    expect(body).toMatchObject({ teamId: null, maxChatsPerAgent: 5, queueTimeoutSeconds: 'ten', noReplyTimeoutSeconds: null, businessHours: null });
    expect(toRequest({ ...form, hoursOn: true }).businessHours).toMatchObject({ zone: 'Asia/Tokyo' });
    expect((toRequest({ ...form, hoursOn: true }).businessHours as { weekly: unknown[] }).weekly).toHaveLength(5);
  });

  it('reads allowed origins typed one a line or with commas', () => {
    expect(parseOrigins(' https://a.example\nhttps://b.example:8443, https://c.example \n\n')).toEqual(
      ['https://a.example', 'https://b.example:8443', 'https://c.example']);
  });
});
