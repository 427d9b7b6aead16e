import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from '../src/backoff';
import { Connection, PING_MS, SILENCE_MS } from '../src/connection';
import type { ClientFrame, ServerFrame } from '../src/protocol';
import { socketFactory } from './fakes';

describe('backoffDelay', () => {
  it('doubles from one second up to the cap, with half of each delay random', () => {
    const lowest = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 0));
    const highest = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 0.999999));

    expect(lowest).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(highest).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(1000, () => 0.999999)).toBe(BACKOFF_CAP_MS);
  });

  it('spreads clients out: different random draws give different delays', () => {
    expect(backoffDelay(3, () => 0.1)).not.toBe(backoffDelay(3, () => 0.9));
  });
});

describe('Connection', () => {
  let frames: ServerFrame[];
  let states: boolean[];
  let refused: number;
  let lastSeq: number;

  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    states = [];
    refused = 0;
    lastSeq = 0;
  });
  afterEach(() => vi.useRealTimers());

  const connect = (random = () => 0.5) => {
    const factory = socketFactory();
    const connection = new Connection('ws://parley.test/ws/visitor?site=k', {
      hello: (): ClientFrame => ({ type: 'hello', token: 't', conversationId: 'c1', lastSeq }),
      frame: (f) => frames.push(f),
      online: (up) => states.push(up),
      refused: () => refused++,
    }, factory.open, random);
    connection.start();
    return { connection, sockets: factory.sockets };
  };

  it('says hello with the newest lastSeq on every connect and goes online on welcome', () => {
    const { connection, sockets } = connect();
    sockets[0]!.accept();
    expect(connection.send({ type: 'ping' })).toBe(false);
    sockets[0]!.receive({ type: 'welcome', visitorId: 'v' });
    sockets[0]!.receive({ type: 'message', seq: 7 });
    lastSeq = 7;
    sockets[0]!.drop(1001);
    vi.advanceTimersByTime(backoffDelay(0, () => 0.5));
    sockets[1]!.accept();

    expect(sockets[0]!.sent[0]).toEqual({ type: 'hello', token: 't', conversationId: 'c1', lastSeq: 0 });
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', token: 't', conversationId: 'c1', lastSeq: 7 });
    expect(states).toEqual([true, false]);
    expect(frames.map((f) => f.type)).toEqual(['welcome', 'message']);
  });

  it('reconnects with exponentially growing delays until welcomed, then starts over', () => {
    const { sockets } = connect(() => 0);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      sockets[attempt]!.drop(1006);
      const delay = backoffDelay(attempt, () => 0);
      vi.advanceTimersByTime(delay - 1);
      expect(sockets).toHaveLength(attempt + 1);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(attempt + 2);
      waits.push(delay);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);

    sockets[5]!.accept();
    sockets[5]!.receive({ type: 'welcome', visitorId: 'v' });
    sockets[5]!.drop(1011);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(7);
  });

  it('sends ping every 25 s and gives up on a socket that went silent', () => {
    const { sockets } = connect();
    const socket = sockets[0]!;
    socket.accept();
    socket.receive({ type: 'welcome', visitorId: 'v' });
    vi.advanceTimersByTime(PING_MS);
    expect(socket.types()).toEqual(['hello', 'ping']);
    socket.receive({ type: 'pong' });
    vi.advanceTimersByTime(PING_MS);
    expect(socket.types()).toEqual(['hello', 'ping', 'ping']);
    expect(frames.map((f) => f.type)).toEqual(['welcome']);

    vi.advanceTimersByTime(SILENCE_MS);
    expect(socket.closedWith).toBeDefined();
    expect(states).toEqual([true, false]);
    vi.advanceTimersByTime(backoffDelay(0, () => 0.5));
    expect(sockets).toHaveLength(2);
  });

  it('does not retry after a policy close (1008) and reports it', () => {
    const { sockets } = connect();
    sockets[0]!.accept();
    sockets[0]!.receive({ type: 'error', code: 'invalid_token' });
    sockets[0]!.drop(1008);
    vi.advanceTimersByTime(10 * 60 * 1000);

    expect(sockets).toHaveLength(1);
    expect(refused).toBe(1);
  });

  it('stops for good: no reconnect, no more online events', () => {
    const { connection, sockets } = connect();
    sockets[0]!.accept();
    sockets[0]!.receive({ type: 'welcome', visitorId: 'v' });
    connection.stop();
    sockets[0]!.drop(1000);
    vi.advanceTimersByTime(60000);

    expect(sockets).toHaveLength(1);
    expect(states).toEqual([true, false]);
    expect(sockets[0]!.closedWith).toBe(1000);
  });

  it('ignores frames that are not JSON objects with a type', () => {
    const { sockets } = connect();
    sockets[0]!.accept();
    sockets[0]!.onmessage?.({ data: 'not json' });
    sockets[0]!.onmessage?.({ data: '42' });
    sockets[0]!.onmessage?.({ data: '{"no":"type"}' });
    expect(frames).toEqual([]);
  });
});
