import { describe, expect, it } from 'vitest';
import { ConsoleClient } from './client';
import type { ConnectionState, InboxEvent } from './types';
import { FakeServer, FakeTimers, FakeTokens, settle } from './fakes';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff';
import { InboxModel } from '../inbox/model';

function setup(random = () => 0.5) {
  const server = new FakeServer();
  const timers = new FakeTimers();
  const tokens = new FakeTokens(timers);
  const model = new InboxModel('agent-1', () => timers.now());
  const states: ConnectionState[] = [];
  const events: InboxEvent[] = [];
  const client = new ConsoleClient({
    url: 'ws://parley.test/rsocket', connect: server.connect, tokens, timers, random,
    cursors: () => model.cursors(),
    onEvent: (e) => {
      events.push(e);
      model.apply(e);
    },
    onState: (s) => states.push(s),
  });
  return { server, timers, tokens, model, states, events, client };
}

const message = (seq: number, body = 'm' + seq) => ({ type: 'message', conversationId: 'c1', seq, clientMsgId: 'x' + seq,
  author: { kind: 'visitor' }, kind: 'text', body, createdAt: '2026-11-22T08:00:0' + (seq % 10) + 'Z' });

describe('backoff', () => {
  it('doubles from one second to thirty and keeps half of each delay random', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});

describe('the console client', () => {
  it('connects with the session token, opens the inbox, and is online once it is ready', async () => {
    const { server, client, states } = setup();
    client.start();
    await settle();
    expect(server.last.token).toBe('token-1');
    expect(server.last.inbox?.data).toEqual({ cursors: [], batches: true });
    expect(states).toEqual(['connecting']);
    server.last.push({ type: 'inbox.ready' });
    expect(states).toEqual(['connecting', 'online']);
    expect(client.online).toBe(true);
  });

  it('applies the events of a batch frame in their order, as if each had come alone', async () => {
    const { server, client, states, events, model } = setup();
    client.start();
    await settle();
    server.last.push({ type: 'batch', events: [message(1), message(2), { type: 'inbox.ready' }] });
    server.last.push({ type: 'batch', events: [message(3)] });
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'inbox.ready', 'message']);
    expect(model.messages.get('c1')?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(states).toEqual(['connecting', 'online']);
    expect(client.online).toBe(true);
  });

  it('reconnects with backoff and jitter after a loss and resumes from the cursors it holds', async () => {
    const { server, timers, client, states, model } = setup(() => 0);
    client.start();
    await settle();
    server.last.push(message(1));
    server.last.push(message(2));
    server.last.push({ type: 'inbox.ready' });

    server.refuseConnections = true;
    server.last.drop(new Error('network'));
    expect(states.at(-1)).toBe('reconnecting');
    expect(timers.delays()).toEqual([500]);
    await timers.advance(500);
    expect(timers.delays()).toEqual([1000]);
    await timers.advance(1000);
    expect(timers.delays()).toEqual([2000]);

    server.refuseConnections = false;
    await timers.advance(2000);
    expect(server.connections).toHaveLength(2);
    expect(server.last.inbox?.data).toEqual({ cursors: [{ conversationId: 'c1', lastSeq: 2 }], batches: true });

    // The server replays what was missed, once more including one the console already had.
    server.last.push(message(2));
    server.last.push(message(3));
    server.last.push({ type: 'inbox.ready' });
    server.last.push(message(4));
    expect(model.messages.get('c1')?.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(states.at(-1)).toBe('online');

    // A later loss starts the backoff from the beginning again.
    server.last.drop();
    expect(timers.delays()).toEqual([500]);
  });

  it('skips the wait when the browser is back online', async () => {
    const { server, timers, client } = setup(() => 0);
    client.start();
    await settle();
    server.last.push({ type: 'inbox.ready' });
    server.refuseConnections = true;
    server.last.drop();
    await timers.advance(500);
    server.refuseConnections = false;
    client.reconnectNow();
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(timers.delays()).toEqual([]);
  });

  it('renews the token on the open connection a minute before it expires', async () => {
    const { server, timers, tokens, client } = setup();
    client.start();
    await settle();
    server.last.push({ type: 'inbox.ready' });
    await timers.advance(14 * 60_000 - 1);
    expect(server.last.requests).toEqual([]);
    await timers.advance(1);
    expect(tokens.refreshes).toEqual(['token-1']);
    expect(server.last.requests).toEqual([{ route: 'session.renew', data: { accessToken: 'token-2' } }]);
    await timers.advance(14 * 60_000);
    expect(server.last.requests.map((r) => r.data)).toEqual([{ accessToken: 'token-2' }, { accessToken: 'token-3' }]);
    expect(server.connections).toHaveLength(1);
  });

  it('reconnects with a fresh token when renewing fails, and signs out when the session is gone', async () => {
    const { server, timers, tokens, client, states } = setup(() => 0);
    server.handler = (route) => {
      if (route === 'session.renew') throw Object.assign(new Error('{"code":"invalid_token","message":"no"}'), { code: 0x201 });
      return {};
    };
    client.start();
    await settle();
    server.last.push({ type: 'inbox.ready' });
    await timers.advance(14 * 60_000);
    expect(server.connections[0]!.closed).toBe(true);
    await timers.advance(500);
    expect(server.last.token).toBe('token-3');
    server.last.push({ type: 'inbox.ready' });

    tokens.held = null;
    server.last.drop(Object.assign(new Error('rejected'), { code: 0x003 }));
    await timers.advance(500);
    expect(states.at(-1)).toBe('signedOut');
  });

  it('makes requests wait for the connection and fail as offline when it does not come', async () => {
    const { server, timers, client } = setup();
    server.handler = (route) => ({ route });
    client.start();
    await settle();
    const early = client.request('agents.roster');
    server.last.push({ type: 'inbox.ready' });
    await expect(early).resolves.toEqual({ route: 'agents.roster' });

    server.refuseConnections = true;
    server.last.drop();
    const late = client.request('agents.roster').catch((e: { code: string }) => e.code);
    await timers.advance(20_000);
    await expect(late).resolves.toBe('offline');
  });

  it("turns the server's JSON application errors into codes", async () => {
    const { server, client } = setup();
    server.handler = () => {
      throw Object.assign(new Error('{"code":"not_found","message":"No such conversation"}'), { code: 0x201 });
    };
    client.start();
    await settle();
    server.last.push({ type: 'inbox.ready' });
    await expect(client.request('conversations.get', { conversationId: 'x' })).rejects.toMatchObject({
      code: 'not_found', message: 'No such conversation', retryable: false });
  });
});
