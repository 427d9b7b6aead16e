import type { Cursor, InboxEvent } from '../rsocket/types';
import { Lifecycle } from './lifecycle';
import { Roster } from './roster';
import { mergeMessage } from './unread';
import type { Colleague, Conversation, Message, Typing, VisitorSummary } from './types';

/** A typing signal older than this is stale: the widget repeats it while the visitor types. */
export const TYPING_TTL_MS = 8_000;

/** What an event means for the agent, so the console can notify and load what it lacks. */
export type Effect =
  | { kind: 'assignedToMe'; conversationId: string }
  | { kind: 'lostConversation'; conversationId: string }
  | { kind: 'takenByColleague'; conversationId: string }
  | { kind: 'visitorMessage'; message: Message }
  | { kind: 'needConversation'; conversationId: string }
  | { kind: 'ready' };

/**
 * Everything the console knows, applied event by event from the inbox stream and from lists it
 * loads. Messages are merged by seq, so a replay after a reconnect never shows one twice; the
 * cursors it hands the client are the newest seq held of each transcript.
 */
export class InboxModel {
  readonly conversations = new Map<string, Conversation>();
  readonly messages = new Map<string, Message[]>();
  readonly hasMore = new Map<string, boolean>();
  readonly typing = new Map<string, Typing[]>();
  readonly visitors = new Map<string, VisitorSummary>();
  readonly roster = new Roster();
  private readonly lifecycle = new Lifecycle();

  constructor(readonly me: string, private readonly now: () => number = () => Date.now()) {}

  cursors(): Cursor[] {
    const cursors: Cursor[] = [];
    for (const [id, list] of this.messages) {
      const last = list[list.length - 1];
      if (last) cursors.push({ conversationId: id, lastSeq: last.seq });
    }
    return cursors.sort((a, b) => (this.activity(b.conversationId)).localeCompare(this.activity(a.conversationId)));
  }

  /** A conversation from a list or a route's answer; newer facts win over older ones. */
  upsert(conversation: Conversation): void {
    this.lifecycle.seen(conversation);
    const held = this.conversations.get(conversation.id);
    if (held && held.lastSeq > conversation.lastSeq) {
      this.conversations.set(conversation.id, { ...conversation, lastSeq: held.lastSeq,
        lastActivityAt: held.lastActivityAt > conversation.lastActivityAt ? held.lastActivityAt : conversation.lastActivityAt,
        agentReadSeq: Math.max(held.agentReadSeq, conversation.agentReadSeq),
        visitorReadSeq: Math.max(held.visitorReadSeq, conversation.visitorReadSeq) });
    } else {
      this.conversations.set(conversation.id, conversation);
    }
  }

  /** A page of history, oldest first, before what is held. */
  addHistory(conversationId: string, page: Message[], more: boolean): void {
    const list = this.messages.get(conversationId) ?? [];
    for (const m of page) mergeMessage(list, m);
    this.messages.set(conversationId, list);
    this.hasMore.set(conversationId, more);
  }

  /** Forgets a conversation the agent may no longer see (transferred away). */
  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
    this.messages.delete(conversationId);
    this.hasMore.delete(conversationId);
    this.typing.delete(conversationId);
    // Its lifecycle stays: a late "reopened" of a chat a colleague took must not bring it back.
  }

  typingIn(conversationId: string): Typing[] {
    const fresh = (this.typing.get(conversationId) ?? []).filter((t) => this.now() - t.at < TYPING_TTL_MS);
    return fresh;
  }

  apply(event: InboxEvent): Effect[] {
    switch (event.type) {
      case 'inbox.ready':
        return [{ kind: 'ready' }];
      case 'message':
        return this.message(event as unknown as Message);
      case 'typing':
        return this.typed(event);
      case 'read': {
        const c = this.conversations.get(event.conversationId as string);
        if (c) {
          const seq = event.upToSeq as number;
          if (event.by === 'agent') c.agentReadSeq = Math.max(c.agentReadSeq, seq);
          else c.visitorReadSeq = Math.max(c.visitorReadSeq, seq);
        }
        return [];
      }
      case 'conversation.opened':
      case 'conversation.reopened': {
        const c = event.conversation as Conversation;
        if (this.lifecycle.queued(c.id, c.queuedAt)) this.upsert(c);
        return [];
      }
      case 'conversation.assigned':
        return this.lifecycle.routed(event.conversationId as string, event.assignedAt) ? this.assigned(event) : [];
      case 'conversation.requeued':
        if (!this.lifecycle.routed(event.conversationId as string, event.at)) return [];
        // Back in the queue, which agents see too: nothing is forgotten.
        return this.patch(event.conversationId as string, { status: 'queued', assignedAgentId: undefined }, false);
      case 'conversation.pending':
        return this.patch(event.conversationId as string, { status: 'pending', assignedAgentId: undefined }, false);
      case 'conversation.closed':
        if (!this.lifecycle.closed(event.conversationId as string, event.closedAt)) return [];
        return this.patch(event.conversationId as string, { status: 'closed', closedAt: event.closedAt as string }, false);
      case 'conversation.rated':
        return this.patch(event.conversationId as string, { rating: event.rating as number }, false);
      case 'agent.status':
        this.roster.status(event.agentId as string, event.status as Colleague['status'], event.live as boolean);
        return [];
      case 'truncated': {
        // More was missed than the server replays: what is held below the replay is no longer
        // contiguous with it, so it goes, and scrolling back pages the rest in.
        const id = event.conversationId as string;
        const list = this.messages.get(id);
        if (list) this.messages.set(id, list.filter((m) => m.seq >= (event.fromSeq as number)));
        this.hasMore.set(id, true);
        return [];
      }
      default:
        return [];
    }
  }

  private message(m: Message): Effect[] {
    const effects: Effect[] = [];
    const c = this.conversations.get(m.conversationId);
    if (!c) effects.push({ kind: 'needConversation', conversationId: m.conversationId });
    const list = this.messages.get(m.conversationId);
    let fresh = true;
    if (list) fresh = mergeMessage(list, m);
    else this.messages.set(m.conversationId, [m]);
    if (c && m.seq > c.lastSeq) {
      c.lastSeq = m.seq;
      c.lastActivityAt = m.createdAt > c.lastActivityAt ? m.createdAt : c.lastActivityAt;
    }
    if (m.author.kind === 'visitor' || (m.author.kind === 'agent' && m.author.id !== this.me)) {
      // A message ends its author's typing, unless the typing was said after it: typing is not
      // stored and can overtake the message it follows.
      const typing = this.typing.get(m.conversationId);
      if (typing) this.typing.set(m.conversationId, typing.filter((t) => t.author.kind !== m.author.kind
        || t.author.id !== m.author.id || t.seq >= m.seq));
    }
    if (fresh && m.author.kind === 'visitor' && m.kind === 'text') effects.push({ kind: 'visitorMessage', message: m });
    return effects;
  }

  private typed(event: InboxEvent): Effect[] {
    const id = event.conversationId as string;
    const author = event.author as Typing['author'];
    if (author.kind === 'agent' && author.id === this.me) return [];
    const others = (this.typing.get(id) ?? []).filter((t) => t.author.kind !== author.kind || t.author.id !== author.id);
    if (event.active) {
      others.push({ author, draft: typeof event.draft === 'string' ? event.draft : undefined, internal: event.internal === true,
        at: this.now(), seq: typeof event.seq === 'number' ? event.seq : 0 });
    }
    this.typing.set(id, others);
    return [];
  }

  private assigned(event: InboxEvent): Effect[] {
    const id = event.conversationId as string;
    const agentId = event.agentId as string;
    const mine = agentId === this.me;
    const wasMine = event.previousAgentId === this.me;
    const effects: Effect[] = [];
    const c = this.conversations.get(id);
    if (c) {
      c.status = 'assigned';
      c.assignedAgentId = agentId;
      if (typeof event.assignedAt === 'string') c.assignedAt = event.assignedAt;
    } else if (mine || wasMine) {
      effects.push({ kind: 'needConversation', conversationId: id });
    }
    if (mine && !wasMine) effects.push({ kind: 'assignedToMe', conversationId: id });
    else if (wasMine && !mine) effects.push({ kind: 'lostConversation', conversationId: id });
    // Every console hears when a waiting chat is taken, so it leaves every queue.
    else if (!mine) effects.push({ kind: 'takenByColleague', conversationId: id });
    return effects;
  }

  private patch(id: string, changes: Partial<Conversation>, lost: boolean): Effect[] {
    const c = this.conversations.get(id);
    if (c) Object.assign(c, changes);
    const effects: Effect[] = c ? [] : [{ kind: 'needConversation', conversationId: id }];
    if (lost) effects.push({ kind: 'lostConversation', conversationId: id });
    return effects;
  }

  private activity(id: string): string {
    return this.conversations.get(id)?.lastActivityAt ?? '';
  }
}
