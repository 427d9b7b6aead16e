import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Api } from '../src/api';
import { Chat } from '../src/chat';
import { RETRY_MS, TYPING_GAP_MS } from '../src/outbox';
import type { ClientFrame } from '../src/protocol';
import { Store } from '../src/storage';
import { CONVERSATION, fakeApi, message, settle } from './fakes';

let sent: ClientFrame[];
let linkUp: boolean;

beforeEach(() => {
  localStorage.clear();
  sent = [];
  linkUp = true;
});

const newChat = (api = fakeApi()) =>
  new Chat({ send: (f) => linkUp && sent.push(f) > 0 }, new Api('http://parley.test/', api.fetch), new Store('site-1'), () => 'tok');

const idsOf = (frames: ClientFrame[]) => frames.map((f) => ('clientMsgId' in f ? `${f.type}:${f.clientMsgId}` : f.type));

describe('dedupe', () => {
  it('keeps each seq once, whatever path it arrives by', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.frame(message(1));
    chat.frame(message(2));
    chat.frame(message(1));
    chat.frame(message(2, { clientMsgId: 'other' }));

    expect(chat.timeline.entries().map((e) => e.seq)).toEqual([1, 2]);
    expect(chat.hello()).toEqual({ type: 'hello', token: 'tok', conversationId: 'c1', lastSeq: 2 });
  });

  it('merges our ack and the echo of our message into one entry', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    const entry = chat.out.write('hi');
    chat.frame({ type: 'ack', conversationId: 'c1', clientMsgId: entry.clientMsgId, seq: 5, createdAt: 'x' });
    chat.frame(message(5, { clientMsgId: entry.clientMsgId, author: { kind: 'visitor' }, body: 'hi' }));

    expect(chat.timeline.entries()).toHaveLength(1);
    expect(chat.timeline.entries()[0]).toMatchObject({ seq: 5, mine: true, state: undefined });
  });

  it('merges by clientMsgId when the echo comes first (another tab sent it)', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    const entry = chat.timeline.local('w-shared', 'from tab 2');
    chat.frame(message(3, { clientMsgId: 'w-shared', author: { kind: 'visitor' }, body: 'from tab 2' }));
    chat.frame(message(3, { clientMsgId: 'w-shared', author: { kind: 'visitor' }, body: 'from tab 2' }));

    expect(chat.timeline.entries()).toEqual([entry]);
    expect(entry.seq).toBe(3);
  });

  it('ignores frames of a conversation it no longer follows', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.frame(message(1, { conversationId: 'old' }));
    expect(chat.timeline.entries()).toEqual([]);
  });
});

describe('offline queue', () => {
  it('sends what was written offline once connected: start first, then the rest, same clientMsgIds', () => {
    const chat = newChat();
    chat.prechat = { email: 'ann@example.com' };
    const first = chat.out.write('one');
    const second = chat.out.write('two');
    expect(sent).toEqual([]);
    expect(chat.timeline.entries().map((e) => e.state)).toEqual(['sending', 'sending']);

    chat.setOnline(true);

    expect(sent).toEqual([
      { type: 'start', prechat: { email: 'ann@example.com' }, clientMsgId: first.clientMsgId, body: 'one' },
      { type: 'send', clientMsgId: second.clientMsgId, body: 'two' },
    ]);
  });

  it('resends unacknowledged messages once per reconnect, never acknowledged ones', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    const acked = chat.out.write('acked');
    const lost = chat.out.write('lost');
    chat.frame({ type: 'ack', conversationId: 'c1', clientMsgId: acked.clientMsgId, seq: 1, createdAt: 'x' });
    chat.setOnline(false);
    sent = [];

    chat.setOnline(true);
    chat.setOnline(true);

    expect(idsOf(sent)).toEqual([`send:${lost.clientMsgId}`]);
  });

  it('survives a reload: an unsent message is sent by the next page with its id', () => {
    const before = newChat();
    before.follow(CONVERSATION);
    const entry = before.out.write('typed before reload');

    const after = newChat();
    after.follow(CONVERSATION);
    after.setOnline(true);

    expect(sent).toEqual([{ type: 'send', clientMsgId: entry.clientMsgId, body: 'typed before reload' }]);
    after.frame({ type: 'ack', conversationId: 'c1', clientMsgId: entry.clientMsgId, seq: 1, createdAt: 'x' });
    expect(new Store('site-1').read().unsent).toEqual([]);
  });

  it('keeps a message when the link refuses it and sends it on the next connect', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    linkUp = false;
    const entry = chat.out.write('later');
    chat.setOnline(false);
    linkUp = true;
    chat.setOnline(true);
    expect(idsOf(sent)).toEqual([`send:${entry.clientMsgId}`]);
  });

  it('retries after a retryable error and opens a new conversation after conversation_closed', () => {
    vi.useFakeTimers();
    try {
      const chat = newChat();
      chat.follow(CONVERSATION);
      chat.setOnline(true);
      const entry = chat.out.write('hello');
      chat.frame({ type: 'error', code: 'rate_limited', ref: entry.clientMsgId, retryable: true });
      vi.advanceTimersByTime(RETRY_MS);
      chat.frame({ type: 'error', code: 'conversation_closed', ref: entry.clientMsgId });
      vi.advanceTimersByTime(0);

      expect(idsOf(sent)).toEqual([`send:${entry.clientMsgId}`, `send:${entry.clientMsgId}`, `start:${entry.clientMsgId}`]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('marks a refused message as failed and stops sending it', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    const entry = chat.out.write('x'.repeat(10));
    chat.frame({ type: 'error', code: 'message_too_long', ref: entry.clientMsgId });
    chat.setOnline(true);

    expect(entry.state).toBe('failed');
    expect(sent).toHaveLength(1);
  });
});

describe('truncated', () => {
  it('pages history over REST for exactly the gap, with no duplicates', async () => {
    const all = Array.from({ length: 300 }, (_, i) => message(i + 1));
    const api = fakeApi({ messages: all });
    const chat = newChat(api);
    chat.follow(CONVERSATION);
    for (let seq = 1; seq <= 10; seq++) chat.frame(message(seq));

    chat.frame({ type: 'truncated', conversationId: 'c1', afterSeq: 10, fromSeq: 251 });
    for (let seq = 251; seq <= 300; seq++) chat.frame(message(seq));
    await settle();

    expect(chat.timeline.entries().map((e) => e.seq)).toEqual(all.map((m) => m.seq));
    const pages = api.calls.map((c) => new URL(c).searchParams.get('beforeSeq'));
    expect(pages).toEqual(['251', '151', '51']);
  });
});

describe('history', () => {
  it('loads the newest page, then older pages as the visitor scrolls up, until there are none', async () => {
    const chat = newChat(fakeApi({ messages: Array.from({ length: 120 }, (_, i) => message(i + 1)) }));
    chat.follow(CONVERSATION);
    await chat.history.newest();
    expect(chat.timeline.firstSeq()).toBe(71);
    expect(chat.history.hasEarlier).toBe(true);

    await Promise.all([chat.history.earlier(), chat.history.earlier()]);
    expect(chat.timeline.firstSeq()).toBe(21);
    await chat.history.earlier();
    expect(chat.timeline.firstSeq()).toBe(1);
    expect(chat.history.hasEarlier).toBe(false);
    expect(chat.timeline.entries()).toHaveLength(120);
  });
});

describe('typing', () => {
  it('sends the draft at most once per gap and always the newest draft last', () => {
    vi.useFakeTimers();
    try {
      const chat = newChat();
      chat.follow(CONVERSATION);
      chat.setOnline(true);
      for (const draft of ['h', 'he', 'hel', 'hell', 'hello']) chat.out.typing(draft);
      expect(sent).toEqual([{ type: 'typing', active: true, draft: 'h' }]);
      vi.advanceTimersByTime(TYPING_GAP_MS);
      expect(sent).toEqual([{ type: 'typing', active: true, draft: 'h' }, { type: 'typing', active: true, draft: 'hello' }]);
      chat.out.typing('');
      expect(sent[2]).toEqual({ type: 'typing', active: false });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the agent's typing", () => {
  it('ends with a later message from the agent, not with the message it overtook', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    const alice = { kind: 'agent' as const, name: 'Alice' };
    chat.frame({ type: 'typing', conversationId: 'c1', author: alice, active: true, seq: 4 });
    chat.frame(message(4, { author: alice }));
    expect(chat.agentTyping).toBe('Alice');
    chat.frame(message(5, { author: alice }));
    expect(chat.agentTyping).toBeUndefined();
  });
});

describe('frames the server adds next', () => {
  it('shows the queue position, then the assigned agent', () => {
    const chat = newChat();
    chat.follow({ ...CONVERSATION, status: 'queued' });
    chat.frame({ type: 'queue', conversationId: 'c1', position: 3, etaSeconds: 120 });
    expect(chat.queue).toEqual({ position: 3, etaSeconds: 120 });
    chat.frame({ type: 'queue', conversationId: 'c1', position: 1 });
    expect(chat.queue).toEqual({ position: 1, etaSeconds: undefined });

    chat.frame({ type: 'assigned', conversationId: 'c1', agent: { name: 'Alice' } });
    expect(chat.queue).toBeUndefined();
    expect(chat.agentName).toBe('Alice');
    expect(chat.conversation?.status).toBe('assigned');
  });

  it('turns to the offline form on pending, and sends its message with start and the answers', () => {
    const chat = newChat();
    chat.follow({ ...CONVERSATION, status: 'queued' });
    chat.setOnline(true);
    chat.frame({ type: 'pending', conversationId: 'c1', reason: 'timeout' });
    expect(chat.offline).toBe('timeout');

    chat.prechat = { email: 'ann@example.com', name: 'Ann' };
    const entry = chat.out.write('Please call me back', true);
    expect(sent).toEqual([{ type: 'start', prechat: { email: 'ann@example.com', name: 'Ann' }, clientMsgId: entry.clientMsgId,
      body: 'Please call me back' }]);
  });

  it('asks for a rating when a conversation with an agent closes, and takes the server confirmation', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    chat.frame(message(1));
    chat.frame({ type: 'closed', conversationId: 'c1' });
    expect(chat.csat).toBe('ask');

    chat.out.rate(4, 'quick');
    chat.frame({ type: 'rated', conversationId: 'c1', rating: 4 });
    expect(sent).toEqual([{ type: 'rate', rating: 4, comment: 'quick' }]);
    expect(chat.csat).toBe(4);
  });

  it('does not ask for a rating when no agent ever answered', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.frame({ type: 'closed', conversationId: 'c1' });
    expect(chat.csat).toBeUndefined();
  });
});

describe('read marks', () => {
  it('counts agent messages after the read mark and sends read only when there is news', () => {
    const chat = newChat();
    chat.follow(CONVERSATION);
    chat.setOnline(true);
    chat.frame(message(1));
    chat.frame(message(2, { author: { kind: 'visitor' }, clientMsgId: 'v-2' }));
    chat.frame(message(3));
    expect(chat.unread()).toBe(2);

    chat.out.markRead();
    chat.out.markRead();
    expect(sent).toEqual([{ type: 'read', upToSeq: 3 }]);
    expect(chat.unread()).toBe(0);

    chat.frame({ type: 'read', conversationId: 'c1', by: 'agent', upToSeq: 2 });
    expect(chat.conversation?.agentReadSeq).toBe(2);
  });
});

afterEach(() => vi.useRealTimers());
