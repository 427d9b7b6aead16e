import { describe, expect, it } from 'vitest';
import { InboxModel, TYPING_TTL_MS } from './model';
import type { Conversation } from './types';
import { unreadCount } from './unread';
import { inView, waited } from './views';

const conversation = (id: string, changes: Partial<Conversation> = {}): Conversation => ({
  id, siteId: 's', visitorId: 'v-' + id, status: 'assigned', assignedAgentId: 'me', createdAt: '2026-11-22T08:00:00Z',
  queuedAt: '2026-11-22T08:00:00Z', lastActivityAt: '2026-11-22T08:00:00Z', lastSeq: 0, visitorReadSeq: 0, agentReadSeq: 0, ...changes,
});

const message = (id: string, seq: number, kind = 'visitor', type = 'text') => ({ type: 'message', conversationId: id, seq,
  clientMsgId: 'm' + seq, author: { kind, id: kind === 'agent' ? 'me' : 'v' }, kind: type, body: 'b' + seq,
  createdAt: '2026-11-22T08:00:' + String(10 + seq) + 'Z' });

describe('unread counting', () => {
  it("counts the visitor's text above the agents' read mark, never agents' messages, notes or events", () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c'));
    model.apply(message('c', 1));
    model.apply(message('c', 2, 'agent'));
    model.apply(message('c', 3, 'agent', 'note'));
    model.apply(message('c', 4, 'system', 'event'));
    model.apply(message('c', 5));
    expect(unreadCount(model.conversations.get('c')!, model.messages.get('c'))).toBe(2);
    model.apply({ type: 'read', conversationId: 'c', by: 'agent', upToSeq: 4 });
    expect(unreadCount(model.conversations.get('c')!, model.messages.get('c'))).toBe(1);
    model.apply({ type: 'read', conversationId: 'c', by: 'agent', upToSeq: 2 });
    expect(model.conversations.get('c')!.agentReadSeq).toBe(4);
  });

  it('counts a replayed message once', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c'));
    model.apply(message('c', 1));
    model.apply(message('c', 2));
    model.apply(message('c', 1));
    model.apply(message('c', 2));
    expect(model.messages.get('c')!.map((m) => m.seq)).toEqual([1, 2]);
    expect(unreadCount(model.conversations.get('c')!, model.messages.get('c'))).toBe(2);
  });

  it('shows one for a conversation with unread news whose transcript is not loaded, and none once closed', () => {
    expect(unreadCount(conversation('c', { lastSeq: 5, agentReadSeq: 3 }), undefined)).toBe(1);
    expect(unreadCount(conversation('c', { lastSeq: 5, agentReadSeq: 5 }), undefined)).toBe(0);
    expect(unreadCount(conversation('c', { lastSeq: 5, status: 'closed' }), undefined)).toBe(0);
  });
});

describe('the inbox model', () => {
  it('sorts the queue oldest first and the others by newest activity', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('late', { status: 'queued', queuedAt: '2026-11-22T08:05:00Z' }));
    model.upsert(conversation('early', { status: 'queued', queuedAt: '2026-11-22T08:01:00Z' }));
    model.upsert(conversation('parked', { status: 'pending', queuedAt: '2026-11-22T07:00:00Z' }));
    model.upsert(conversation('old', { lastActivityAt: '2026-11-22T08:01:00Z' }));
    model.upsert(conversation('new', { lastActivityAt: '2026-11-22T08:09:00Z' }));
    model.upsert(conversation('theirs', { assignedAgentId: 'other' }));
    expect(inView('queue', model.conversations.values(), 'me').map((c) => c.id)).toEqual(['early', 'late', 'parked']);
    expect(inView('mine', model.conversations.values(), 'me').map((c) => c.id)).toEqual(['new', 'old']);
    expect(inView('all', model.conversations.values(), 'me')).toHaveLength(6);
  });

  it('follows assignment, transfer, requeue and close, and says what concerns the agent', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c', { status: 'queued', assignedAgentId: undefined }));
    expect(model.apply({ type: 'conversation.assigned', conversationId: 'c', agentId: 'me', reason: 'routing' }))
      .toEqual([{ kind: 'assignedToMe', conversationId: 'c' }]);
    expect(model.apply({ type: 'conversation.assigned', conversationId: 'c', agentId: 'bob', previousAgentId: 'me', reason: 'transfer' }))
      .toEqual([{ kind: 'lostConversation', conversationId: 'c' }]);
    expect(model.conversations.get('c')!.assignedAgentId).toBe('bob');
    model.apply({ type: 'conversation.requeued', conversationId: 'c', previousAgentId: 'bob', reason: 'agent_offline' });
    expect(model.conversations.get('c')!.status).toBe('queued');
    model.apply({ type: 'conversation.closed', conversationId: 'c', closedAt: '2026-11-22T09:00:00Z' });
    expect(model.conversations.get('c')!.status).toBe('closed');
    expect(model.apply({ type: 'conversation.assigned', conversationId: 'unknown', agentId: 'me' }))
      .toContainEqual({ kind: 'needConversation', conversationId: 'unknown' });
  });

  it('takes a waiting chat a colleague got out of the queue, and fetches nothing it may not see', () => {
    const model = new InboxModel('me');
    model.apply({ type: 'conversation.opened', conversation: conversation('c', { status: 'queued', assignedAgentId: undefined }) });
    expect(inView('queue', model.conversations.values(), 'me').map((c) => c.id)).toEqual(['c']);

    expect(model.apply({ type: 'conversation.assigned', conversationId: 'c', agentId: 'alice', reason: 'routing' }))
      .toEqual([{ kind: 'takenByColleague', conversationId: 'c' }]);
    expect(inView('queue', model.conversations.values(), 'me')).toEqual([]);
    expect(model.apply({ type: 'conversation.assigned', conversationId: 'unseen', agentId: 'alice', reason: 'routing' }))
      .toEqual([{ kind: 'takenByColleague', conversationId: 'unseen' }]);
  });

  it("keeps the visitor's latest draft until it goes stale or a later message ends it", () => {
    let now = 0;
    const model = new InboxModel('me', () => now);
    model.upsert(conversation('c'));
    model.apply({ type: 'typing', conversationId: 'c', author: { kind: 'visitor', id: 'v' }, active: true, draft: 'Hel' });
    model.apply({ type: 'typing', conversationId: 'c', author: { kind: 'visitor', id: 'v' }, active: true, draft: 'Hello th' });
    expect(model.typingIn('c').map((t) => t.draft)).toEqual(['Hello th']);
    model.apply(message('c', 1));
    expect(model.typingIn('c')).toEqual([]);
    model.apply({ type: 'typing', conversationId: 'c', author: { kind: 'visitor', id: 'v' }, active: true, draft: 'Next', seq: 2 });
    model.apply(message('c', 2));
    expect(model.typingIn('c').map((t) => t.draft), 'typing said after message 2 overtook it').toEqual(['Next']);
    model.apply(message('c', 3));
    expect(model.typingIn('c')).toEqual([]);
    model.apply({ type: 'typing', conversationId: 'c', author: { kind: 'visitor', id: 'v' }, active: true, draft: 'More' });
    now += TYPING_TTL_MS;
    expect(model.typingIn('c')).toEqual([]);
    model.apply({ type: 'typing', conversationId: 'c', author: { kind: 'agent', id: 'me' }, active: true, internal: false });
    expect(model.typingIn('c')).toEqual([]);
  });

  it('hands the newest seq of every transcript held as cursors, and drops what a truncation leaves unconnected', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('a', { lastActivityAt: '2026-11-22T08:00:00Z' }));
    model.upsert(conversation('b', { lastActivityAt: '2026-11-22T09:00:00Z' }));
    model.addHistory('a', [message('a', 1), message('a', 2)] as never, false);
    model.apply(message('b', 7));
    expect(model.cursors()).toEqual([{ conversationId: 'b', lastSeq: 7 }, { conversationId: 'a', lastSeq: 2 }]);
    model.apply({ type: 'truncated', conversationId: 'a', afterSeq: 2, fromSeq: 600 });
    model.apply(message('a', 600));
    expect(model.messages.get('a')!.map((m) => m.seq)).toEqual([600]);
    expect(model.hasMore.get('a')).toBe(true);
  });

  it('tells waiting times in seconds, minutes and hours', () => {
    const start = Date.parse('2026-11-22T08:00:00Z');
    expect(waited('2026-11-22T08:00:00Z', start + 42_000)).toBe('42 s');
    expect(waited('2026-11-22T08:00:00Z', start + 5 * 60_000)).toBe('5 min');
    expect(waited('2026-11-22T08:00:00Z', start + 65 * 60_000)).toBe('1 h 5 min');
  });
});
