import { describe, expect, it } from 'vitest';
import { InboxModel } from './model';
import { instantKey } from './lifecycle';
import type { Conversation } from './types';

const conversation = (id: string, changes: Partial<Conversation> = {}): Conversation => ({
  id, siteId: 's', visitorId: 'v-' + id, status: 'closed', createdAt: '2026-11-23T08:00:00Z', queuedAt: '2026-11-23T08:00:00Z',
  assignedAgentId: 'me', assignedAt: '2026-11-23T08:00:01Z', closedAt: '2026-11-23T08:10:00Z',
  lastActivityAt: '2026-11-23T08:10:00Z', lastSeq: 4, visitorReadSeq: 0, agentReadSeq: 0, ...changes,
});

// Reopened at .000100, assigned by routing 800 microseconds later: both in one millisecond.
const REOPENED_AT = '2026-11-23T08:20:00.0001Z';
const reopened = (id: string) => ({ type: 'conversation.reopened', conversation: conversation(id, { status: 'queued',
  queuedAt: REOPENED_AT, assignedAgentId: undefined, assignedAt: undefined, closedAt: undefined }) });
const assigned = (id: string, agentId: string, assignedAt: string) => ({ type: 'conversation.assigned', conversationId: id, agentId,
  agentName: agentId, reason: 'routing', assignedAt });

describe('instant keys', () => {
  it('sort as time does, whatever the fraction digits, below the millisecond too', () => {
    const times = ['2026-11-23T08:20:01Z', '2026-11-23T08:20:00.5Z', '2026-11-23T08:20:00.000900Z',
      '2026-11-23T08:20:00.0001Z', '2026-11-23T08:20:00Z'];
    expect([...times].sort((a, b) => instantKey(a).localeCompare(instantKey(b)))).toEqual([...times].reverse());
  });
});

describe('lifecycle events out of order', () => {
  it("keeps a reopened chat assigned when its 'reopened' arrives after the assignment that answered it", () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c'));
    expect(model.apply(assigned('c', 'me', '2026-11-23T08:20:00.0009Z'))).toEqual([{ kind: 'assignedToMe', conversationId: 'c' }]);
    model.apply(reopened('c'));
    expect(model.conversations.get('c')).toMatchObject({ status: 'assigned', assignedAgentId: 'me', assignedAt: '2026-11-23T08:20:00.0009Z' });
  });

  it('applies them in order as they come', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c'));
    model.apply(reopened('c'));
    expect(model.conversations.get('c')).toMatchObject({ status: 'queued', queuedAt: REOPENED_AT });
    model.apply(assigned('c', 'bob', '2026-11-23T08:20:00.0009Z'));
    expect(model.conversations.get('c')).toMatchObject({ status: 'assigned', assignedAgentId: 'bob' });
    model.apply({ type: 'conversation.requeued', conversationId: 'c', previousAgentId: 'bob', reason: 'agent_offline',
      at: '2026-11-23T08:25:00Z' });
    expect(model.conversations.get('c')).toMatchObject({ status: 'queued', assignedAgentId: undefined });
  });

  it('drops a requeue older than the assignment a list showed', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c', { status: 'assigned', closedAt: undefined, assignedAt: '2026-11-23T08:30:00Z' }));
    model.apply({ type: 'conversation.requeued', conversationId: 'c', previousAgentId: 'me', reason: 'no_reply', at: '2026-11-23T08:29:59Z' });
    expect(model.conversations.get('c')).toMatchObject({ status: 'assigned', assignedAgentId: 'me' });
  });

  it("does not bring back a chat a colleague took when its 'reopened' comes late", () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c'));
    expect(model.apply(assigned('c', 'bob', '2026-11-23T08:20:00.0009Z'))).toEqual([{ kind: 'takenByColleague', conversationId: 'c' }]);
    model.forget('c');
    model.apply(reopened('c'));
    expect(model.conversations.has('c')).toBe(false);
  });

  it('keeps a chat closed when an assignment made before the close arrives after it', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c', { status: 'assigned', closedAt: undefined }));
    model.apply({ type: 'conversation.closed', conversationId: 'c', closedAt: '2026-11-23T08:40:00Z', by: { kind: 'agent', id: 'me' } });
    model.apply(assigned('c', 'bob', '2026-11-23T08:39:59.999999Z'));
    expect(model.conversations.get('c')).toMatchObject({ status: 'closed', assignedAgentId: 'me' });
  });

  it('applies a close timed before a requeue that routing committed meanwhile', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c', { status: 'assigned', closedAt: undefined, assignedAt: '2026-11-23T08:30:00Z' }));
    model.apply({ type: 'conversation.requeued', conversationId: 'c', previousAgentId: 'me', reason: 'agent_offline',
      at: '2026-11-23T08:31:00.5Z' });
    model.apply({ type: 'conversation.closed', conversationId: 'c', closedAt: '2026-11-23T08:31:00.2Z', by: { kind: 'visitor' } });
    expect(model.conversations.get('c')).toMatchObject({ status: 'closed' });
  });

  it('drops a close older than a reopening already shown', () => {
    const model = new InboxModel('me');
    model.upsert(conversation('c', { status: 'assigned', closedAt: undefined }));
    model.apply(reopened('c'));
    model.apply({ type: 'conversation.closed', conversationId: 'c', closedAt: '2026-11-23T08:10:00Z', by: { kind: 'agent', id: 'me' } });
    expect(model.conversations.get('c')).toMatchObject({ status: 'queued', queuedAt: REOPENED_AT });
  });
});
