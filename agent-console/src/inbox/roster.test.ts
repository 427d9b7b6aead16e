import { describe, expect, it } from 'vitest';
import { Roster } from './roster';
import type { Colleague } from './types';

const ann = (status: Colleague['status'], live = false): Colleague => ({
  agentId: 'ann', displayName: 'Ann', role: 'agent', status, live, openChats: 0, capacity: 3,
});

describe('the roster', () => {
  it('keeps a status heard while it was being read over the older one the read brings', () => {
    const roster = new Roster();
    const done = roster.read();
    roster.status('ann', 'online', true);
    done([ann('offline')]);
    expect(roster.get('ann')).toMatchObject({ status: 'online', live: true });
  });

  it("takes the read's status when the change came before the read began", () => {
    const roster = new Roster();
    roster.set('ann', ann('away'));
    roster.status('ann', 'online');
    const done = roster.read();
    done([ann('offline')]);
    expect(roster.get('ann')?.status).toBe('offline');
  });

  it('applies a change to the colleague it holds, and a failed read changes nothing', () => {
    const roster = new Roster();
    roster.set('ann', ann('offline'));
    const done = roster.read();
    roster.status('ann', 'away');
    done();
    expect(roster.get('ann')).toMatchObject({ status: 'away', live: false });
    roster.status('ann', 'online');
    expect(roster.get('ann')?.status).toBe('online');
  });
});
