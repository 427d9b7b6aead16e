import { beforeEach, describe, expect, it } from 'vitest';
import { Client } from '../src/client';
import { CONVERSATION, FakeChannels, FakeLocks, type FakeSocket, fakeApi, message, settle, socketFactory } from './fakes';

let channels: FakeChannels;
let locks: FakeLocks;
let sockets: FakeSocket[];
let open: (url: string) => FakeSocket;

beforeEach(() => {
  localStorage.clear();
  channels = new FakeChannels();
  locks = new FakeLocks();
  ({ sockets, open } = socketFactory());
});

/** A browser tab of the same site: same storage, channel name and locks. */
const tab = (api = fakeApi({ conversation: CONVERSATION })) =>
  new Client({ siteKey: 'site-1', base: 'http://parley.test/', locale: () => 'en', fetch: api.fetch, socket: open,
    channel: channels.create('parley:site-1'), locks, random: () => 0 });

const welcome = async (socket: FakeSocket, lastSeq = 0) => {
  socket.accept();
  socket.receive({ type: 'welcome', visitorId: 'v1', conversation: { ...CONVERSATION, lastSeq } });
  await settle();
};

describe('several tabs of one site', () => {
  it('open one socket between them; the others follow the leader', async () => {
    const first = tab();
    const second = tab();
    const third = tab();
    await Promise.all([first.boot(), second.boot(), third.boot()]);
    await settle();

    expect(sockets).toHaveLength(1);
    expect([first.leading, second.leading, third.leading]).toEqual([true, false, false]);
    expect(sockets[0]!.url).toBe('ws://parley.test/ws/visitor?site=site-1');
  });

  it('relay a follower message through the leader socket and show every frame once in every tab', async () => {
    const leader = tab();
    await leader.boot();
    const follower = tab();
    await follower.boot();
    await welcome(sockets[0]!);
    expect(follower.chat.online).toBe(true);

    const entry = follower.chat.out.write('from the follower');
    await settle();
    const socket = sockets[0]!;
    expect(socket.sent[socket.sent.length - 1]).toEqual({ type: 'send', clientMsgId: entry.clientMsgId, body: 'from the follower' });

    socket.receive({ type: 'ack', conversationId: 'c1', clientMsgId: entry.clientMsgId, seq: 1, createdAt: 'x' });
    socket.receive(message(1, { clientMsgId: entry.clientMsgId, author: { kind: 'visitor' }, body: 'from the follower' }));
    socket.receive(message(2));
    socket.receive(message(2));
    await settle();

    for (const client of [leader, follower]) {
      expect(client.chat.timeline.entries().map((e) => [e.seq, e.body])).toEqual([[1, 'from the follower'], [2, 'message 2']]);
    }
    expect(follower.chat.timeline.entries()[0]!.state).toBeUndefined();
  });

  it('tell a tab whose session was read before the chat started which conversation it is, with its history', async () => {
    const leader = tab(fakeApi());
    await leader.boot();
    await welcome(sockets[0]!);
    sockets[0]!.receive({ type: 'started', conversation: CONVERSATION });
    sockets[0]!.receive(message(1));
    await settle();

    // Its session said "no conversation yet", and the leader's 'started' went out before it joined.
    const late = tab(fakeApi({ messages: [message(1)] }));
    await late.boot();
    await settle();

    expect(late.leading).toBe(false);
    expect(late.chat.conversation?.id).toBe('c1');
    expect(late.chat.timeline.entries().map((e) => [e.seq, e.body])).toEqual([[1, 'message 1']]);
  });

  it('hand the socket to a follower when the leader leaves; it resumes from its lastSeq and resends what was lost', async () => {
    const leader = tab();
    await leader.boot();
    const follower = tab();
    await follower.boot();
    await welcome(sockets[0]!);
    sockets[0]!.receive(message(1));
    sockets[0]!.receive(message(2));
    await settle();
    const unacked = follower.chat.out.write('sent while the leader leaves');
    await settle();

    leader.stop();
    await settle();

    expect(follower.leading).toBe(true);
    expect(sockets).toHaveLength(2);
    await welcome(sockets[1]!, 2);
    expect(sockets[1]!.sent[0]).toEqual({ type: 'hello', token: 'tok-1', conversationId: 'c1', lastSeq: 2 });
    expect(sockets[1]!.sent[1]).toEqual({ type: 'send', clientMsgId: unacked.clientMsgId, body: 'sent while the leader leaves' });
  });

  it('a tab that joins late gets the history over REST and the leader state, not a socket', async () => {
    const api = fakeApi({ conversation: CONVERSATION, messages: [message(1), message(2)] });
    const leader = tab(api);
    await leader.boot();
    await welcome(sockets[0]!);
    const late = tab(api);
    await late.boot();
    await settle();

    expect(sockets).toHaveLength(1);
    expect(late.chat.online).toBe(true);
    expect(late.chat.timeline.entries().map((e) => e.seq)).toEqual([1, 2]);
  });

  it('every tab leads itself when the browser has no locks or channel', async () => {
    const solo = () => new Client({ siteKey: 'site-1', base: 'http://parley.test/', locale: () => 'en',
      fetch: fakeApi({ conversation: CONVERSATION }).fetch, socket: open, channel: null, locks: null });
    const a = solo();
    const b = solo();
    await Promise.all([a.boot(), b.boot()]);
    expect(sockets).toHaveLength(2);
    expect(a.leading && b.leading).toBe(true);
  });
});
