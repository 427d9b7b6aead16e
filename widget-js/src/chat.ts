import type { Api } from './api';
import { History } from './history';
import { type Link, Outbox } from './outbox';
import type { ConversationView, MessageFrame, OfflineReason, ServerFrame, ClientFrame } from './protocol';
import type { Store } from './storage';
import { type Entry, Timeline } from './timeline';

/** An agent typing indicator with no news for this long is stale (the agent went away). */
export const TYPING_STALE_MS = 15000;

/**
 * The visitor side of one conversation, independent of the UI: merges frames, REST pages and the
 * visitor's input into one state. {@link Outbox} sends, {@link History} pages; this class reads.
 */
export class Chat {
  readonly timeline = new Timeline();
  readonly out: Outbox;
  readonly history: History;
  conversation: ConversationView | undefined;
  online = false;
  /** The server refused this visitor for good (closed the socket with 1008, e.g. banned). */
  refused = false;
  agentName: string | undefined;
  agentTyping: string | undefined;
  private typingSeq = 0;
  queue: { position: number; etaSeconds?: number } | undefined;
  offline: OfflineReason | undefined;
  /** 'ask' after the conversation closed with an agent in it; the rating once the server confirmed it. */
  csat: 'ask' | number | undefined;
  /** The transcript mail asked for: 'asked', then 'sent' or 'failed' (the server's answer). */
  transcript: 'asked' | 'sent' | 'failed' | undefined;
  /** Answers sent with `start`: the pre-chat form and the host's `set` attributes. */
  prechat: Record<string, string> = {};
  onChange: () => void = () => {};
  onAgentMessage: (entry: Entry) => void = () => {};
  onInvalidToken: () => void = () => {};

  private staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    link: Link,
    api: Api,
    readonly store: Store,
    private readonly token: () => string,
  ) {
    this.out = new Outbox(link, this);
    this.history = new History(this, api, token);
    for (const unsent of store.read().unsent) this.timeline.local(unsent.clientMsgId, unsent.body, unsent.createdAt);
  }

  /** The `hello` of a (re)connect: resumes after the newest message held. */
  hello(): ClientFrame {
    const id = this.conversation?.id;
    return { type: 'hello', token: this.token(), ...(id ? { conversationId: id } : {}), lastSeq: id ? this.timeline.lastSeq() : 0 };
  }

  isOpen(): boolean {
    return !!this.conversation && this.conversation.status !== 'closed';
  }

  /** The link's state; a repeated `true` is the same connection and sends nothing again. */
  setOnline(up: boolean): void {
    if (up === this.online) return;
    this.online = up;
    if (up) this.out.connected();
    this.onChange();
  }

  /** Follows `conversation` as the session API or a frame named it; another one starts with an empty timeline. */
  follow(conversation: ConversationView | undefined): void {
    if (conversation?.id !== this.conversation?.id) {
      this.timeline.reset();
      this.agentName = this.agentTyping = this.queue = this.csat = this.transcript = undefined;
      this.history.hasEarlier = false;
    }
    this.conversation = conversation && { ...conversation };
    if (conversation && conversation.status !== 'pending') this.offline = undefined;
    this.store.update((s) => {
      s.conversationId = conversation?.id;
    });
  }

  /** Agent messages after the visitor's read mark. */
  unread(): number {
    const read = this.conversation?.visitorReadSeq ?? 0;
    return this.timeline.entries().filter((e) => !e.mine && e.kind === 'text' && (e.seq ?? 0) > read).length;
  }

  frame(frame: ServerFrame): void {
    const ours = !('conversationId' in frame) || frame.conversationId === this.conversation?.id;
    const conversation = ours ? this.conversation : undefined;
    switch (frame.type) {
      case 'welcome':
      case 'started':
      case 'reopened':
        this.follow(frame.conversation);
        break;
      case 'ack':
        if (conversation && this.timeline.ack(frame.clientMsgId, frame.seq, frame.createdAt)) this.bump(frame.seq);
        this.store.removeUnsent(frame.clientMsgId);
        break;
      case 'message':
        if (conversation) this.merge(frame, true);
        break;
      case 'typing':
        if (conversation) this.setTyping(frame.active ? frame.author.name ?? '' : undefined, frame.seq);
        break;
      case 'read':
        if (conversation) {
          const key = frame.by === 'agent' ? 'agentReadSeq' : 'visitorReadSeq';
          conversation[key] = Math.max(conversation[key], frame.upToSeq);
        }
        break;
      case 'closed':
        if (conversation) this.closed(conversation);
        break;
      case 'truncated':
        if (conversation) void this.history.fill(frame.afterSeq, frame.fromSeq);
        break;
      case 'queue':
        if (conversation) this.queue = { position: frame.position, etaSeconds: frame.etaSeconds };
        break;
      case 'assigned':
        if (conversation) {
          this.agentName = frame.agent.name;
          conversation.status = 'assigned';
          this.queue = this.offline = undefined;
        }
        break;
      case 'pending':
        if (conversation) {
          conversation.status = 'pending';
          this.offline = frame.reason;
          this.queue = undefined;
        }
        break;
      case 'rated':
        if (conversation) this.csat = frame.rating;
        break;
      case 'transcriptSent':
        if (conversation) this.transcript = 'sent';
        break;
      case 'error':
        this.error(frame.code, frame.ref, frame.retryable === true);
        break;
      default:
        return;
    }
    this.onChange();
  }

  /** Adds a committed message from any source; `live` ones (not history) may alert the visitor. */
  merge(message: MessageFrame, live: boolean): void {
    if (!this.timeline.add(message)) return;
    this.bump(message.seq);
    this.store.removeUnsent(message.clientMsgId);
    if (message.author.kind === 'agent') {
      if (message.author.name) this.agentName = message.author.name;
      // Typing can overtake the message before it: only a later message ends it.
      if (message.seq > this.typingSeq) this.setTyping(undefined);
      const entry = this.timeline.get(message.clientMsgId);
      if (live && entry && message.kind === 'text') this.onAgentMessage(entry);
    }
  }

  private bump(seq: number): void {
    if (this.conversation && seq > this.conversation.lastSeq) this.conversation.lastSeq = seq;
  }

  private closed(conversation: ConversationView): void {
    conversation.status = 'closed';
    this.queue = undefined;
    this.setTyping(undefined);
    if (this.csat === undefined && this.timeline.entries().some((e) => !e.mine && e.kind === 'text')) this.csat = 'ask';
  }

  private setTyping(name: string | undefined, seq = 0): void {
    clearTimeout(this.staleTimer);
    this.agentTyping = name;
    this.typingSeq = seq;
    if (name !== undefined) {
      this.staleTimer = setTimeout(() => {
        this.agentTyping = undefined;
        this.onChange();
      }, TYPING_STALE_MS);
    }
  }

  private error(code: string, ref: string | undefined, retryable: boolean): void {
    if (code === 'invalid_token') return this.onInvalidToken();
    if (ref === 'transcript') {
      this.transcript = 'failed';
      return;
    }
    const mine = ref ? this.timeline.get(ref) : undefined;
    if (code === 'conversation_not_found' && !mine) return this.follow(undefined);
    if (!mine || !ref) return;
    if (code === 'conversation_closed' || code === 'no_conversation') {
      // Sent to a conversation that closed meanwhile: it opens a new one instead.
      if (this.conversation) this.conversation.status = 'closed';
      this.out.retry(ref, 0);
    } else if (retryable) {
      this.out.retry(ref);
    } else {
      this.timeline.fail(ref);
      this.store.removeUnsent(ref);
    }
  }
}
