import { describe, expect, it } from 'vitest';
import { RestApi, RestError } from '../../auth/api';
import { AdminClient } from './client';
import { messageFor, plain, problemOf } from './forms';

type Call = { url: string; init: RequestInit };

function server(answer: (call: Call) => Response): { api: RestApi; calls: Call[] } {
  const calls: Call[] = [];
  const api = new RestApi(async (input, init) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return answer(call);
  });
  return { api, calls };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('AdminClient', () => {
  it('refreshes a token about to expire before calling, and sends the body as JSON', async () => {
    const { api, calls } = server(() => json(200, { ok: true }));
    let refreshed = 0;
    const tokens = {
      current: () => ({ token: 'old', expiresAt: 1_000 + 30_000 }),
      refresh: async (stale: string | undefined) => {
        expect(stale).toBe('old');
        refreshed++;
        return { token: 'new', expiresAt: 1_000 + 900_000 };
      },
    };
    await new AdminClient(api, tokens, () => 1_000).put('/api/v1/admin/sites/S1/queue-settings', { policy: 'MANUAL' });
    expect(refreshed).toBe(1);
    expect(calls[0]!.init.method).toBe('PUT');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer new');
    expect(calls[0]!.init.body).toBe('{"policy":"MANUAL"}');
  });

  it('refuses without calling when the session has ended', async () => {
    const { api, calls } = server(() => json(200, {}));
    const ended = { current: () => null, refresh: async () => null };
    await expect(new AdminClient(api, ended).get('/api/v1/admin/teams')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(calls).toHaveLength(0);
  });

  it('turns a problem+json refusal into messages by field, nested ones included', async () => {
    const { api } = server(() => json(400, {
      status: 400, code: 'invalid_field', field: 'maxChatsPerAgent', detail: 'maxChatsPerAgent must be 1 to 100',
      errors: [{ field: 'maxChatsPerAgent', message: 'maxChatsPerAgent must be 1 to 100' },
        { field: 'businessHours.weekly[1].to', message: 'businessHours.weekly[1].to must be after from' }],
    }, 'application/problem+json'));
    const tokens = { current: () => ({ token: 't', expiresAt: Date.now() + 900_000 }), refresh: async () => null };
    const error = await new AdminClient(api, tokens).put('/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestError);
    const problem = problemOf(error);
    expect(messageFor(problem, 'maxChatsPerAgent')).toBe('maxChatsPerAgent must be 1 to 100');
    expect(messageFor(problem, 'businessHours.weekly[1]')).toBeUndefined();
    expect(messageFor(problem, 'businessHours.weekly[1]', true)).toBe('businessHours.weekly[1].to must be after from');
    expect(messageFor(problem, 'businessHours.weekly[0]', true)).toBeUndefined();
    expect(problem.message).toContain('Some fields need attention');
    expect(plain('maxChatsPerAgent', problem.fields.maxChatsPerAgent!)).toBe('Must be 1 to 100');
    expect(plain('teamId', 'the team is unknown')).toBe('the team is unknown');
  });

  it('a conflict without fields is shown as its detail', () => {
    const problem = problemOf(new RestError(409, 'last_admin', "The account's last active admin cannot be demoted or deactivated"));
    expect(problem.fields).toEqual({});
    expect(problem.message).toBe("The account's last active admin cannot be demoted or deactivated");
  });

  it('reads every page of a list, passing each next as after', async () => {
    const { api, calls } = server((call) => json(200, call.url.includes('after=B')
      ? { items: [{ id: 'C' }] }
      : { items: [{ id: 'A' }, { id: 'B' }], next: 'B' }));
    const tokens = { current: () => ({ token: 't', expiresAt: Date.now() + 900_000 }), refresh: async () => null };
    const all = await new AdminClient(api, tokens).all<{ id: string }>('/api/v1/admin/agents', 2);
    expect(all.map((a) => a.id)).toEqual(['A', 'B', 'C']);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/admin/agents?limit=2', '/api/v1/admin/agents?limit=2&after=B']);
  });
});
