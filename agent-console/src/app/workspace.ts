import type { Me } from '../auth/types';
import type { Session } from '../auth/session';
import { isSupervisor } from '../auth/types';
import type { Canned } from '../canned/canned';
import { Drafts } from '../conversation/drafts';
import { Outbox, type Ack } from '../conversation/outbox';
import { InboxModel } from '../inbox/model';
import type { Colleague, Conversation, Team, View, VisitorSummary } from '../inbox/types';
import { Notifier } from '../notify/notifier';
import type { Connect } from '../rsocket/channel';
import { ConsoleClient } from '../rsocket/client';
import type { ConnectionState } from '../rsocket/types';
import { InboxEvents } from './events';
import { Loader } from './loader';

/**
 * The agent's workspace: the connection, what it delivered, and everything the agent does. Views
 * subscribe to it and re-render on every change; its fields are read, never written, by them.
 * What it reads from the server goes through its {@link Loader}; what the server pushes, through
 * {@link InboxEvents}.
 */
export class Workspace {
  readonly model: InboxModel;
  readonly client: ConsoleClient;
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  readonly notifier: Notifier;
  state: ConnectionState = 'connecting';
  view: View = 'mine';
  activeId: string | null = null;
  canned: Canned[] = [];
  teams: Team[] = [];
  search: { query: string; results: Conversation[] | null; error?: string } | null = null;
  notice: string | null = null;
  /** How many page views each visitor made while the console watched: the visitor panel reloads on a change. */
  readonly navigations = new Map<string, number>();
  /** Reads from the server into the model. */
  readonly loader: Loader;
  private readonly listeners = new Set<() => void>();
  private readonly events = new InboxEvents(this);
  private readingUpTo = new Map<string, number>();

  constructor(readonly me: Me, readonly session: Session, connect: Connect, url: string,
    private readonly navigate: (conversationId: string | null) => void) {
    this.model = new InboxModel(me.id);
    this.outbox = new Outbox((p) => this.client.request<Ack>(p.note ? 'conversations.note' : 'conversations.send',
      { conversationId: p.conversationId, clientMsgId: p.clientMsgId, body: p.body }), () => this.changed());
    this.drafts = new Drafts((conversationId, active, internal) => {
      const seq = this.model.messages.get(conversationId)?.at(-1)?.seq ?? 0;
      this.client.request('conversations.typing', { conversationId, active, internal, seq }).catch(() => undefined);
    });
    this.notifier = new Notifier((id) => this.navigate(id));
    this.client = new ConsoleClient({
      url,
      connect,
      tokens: session,
      cursors: () => this.model.cursors(),
      onEvent: (event) => this.events.handle(event),
      onState: (state) => {
        this.state = state;
        this.changed();
      },
    });
    this.loader = new Loader(this.client, this.model, () => this.changed());
  }

  get supervisor(): boolean {
    return isSupervisor(this.me);
  }

  start(): void {
    this.client.start();
  }

  stop(): void {
    this.client.stop();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  myself(): Colleague | undefined {
    return this.model.roster.get(this.me.id);
  }

  visitor(id: string): VisitorSummary | undefined {
    return this.model.visitors.get(id);
  }

  setView(view: View): void {
    this.view = view;
    this.search = null;
    this.changed();
    if (view === 'closed' || view === 'all') void this.loader.list(view);
  }

  /** Shows a conversation, loading its newest history the first time. */
  open(conversationId: string | null): void {
    this.activeId = conversationId;
    this.changed();
    if (!conversationId) return;
    const run = async () => {
      if (!this.model.conversations.has(conversationId)) await this.loader.conversation(conversationId);
      if (!this.model.hasMore.has(conversationId)) await this.loadOlder(conversationId);
      this.markRead(conversationId);
    };
    run().catch((e: Error) => this.tell(e.message)).finally(() => this.changed());
  }

  /** The page of history before the oldest message held. */
  loadOlder(conversationId: string): Promise<void> {
    return this.loader.older(conversationId);
  }

  /** Marks the visitor's messages read while the agent looks at the conversation. */
  markRead(conversationId: string): void {
    const c = this.model.conversations.get(conversationId);
    if (!c || c.lastSeq <= c.agentReadSeq || document.visibilityState !== 'visible') return;
    if ((this.readingUpTo.get(conversationId) ?? 0) >= c.lastSeq) return;
    this.readingUpTo.set(conversationId, c.lastSeq);
    this.client.request('conversations.read', { conversationId, upToSeq: c.lastSeq })
      .then(() => {
        c.agentReadSeq = Math.max(c.agentReadSeq, this.readingUpTo.get(conversationId) ?? 0);
        this.changed();
      })
      .catch(() => this.readingUpTo.delete(conversationId));
  }

  send(conversationId: string, body: string, note: boolean): void {
    if (!body.trim()) return;
    this.outbox.send(conversationId, body, note);
    this.drafts.sent(conversationId, note);
    this.changed();
  }

  /** Runs an action on the server; its refusal is shown to the agent. Returns the answer, or undefined after a refusal. */
  async act<T>(route: string, data: unknown): Promise<T | undefined> {
    try {
      const answer = await this.client.request<T>(route, data);
      if (answer && typeof answer === 'object' && 'id' in answer && 'status' in answer) this.model.upsert(answer as unknown as Conversation);
      this.changed();
      return answer;
    } catch (error) {
      this.tell((error as Error).message);
      return undefined;
    }
  }

  async runSearch(query: string): Promise<void> {
    if (query.trim().length < 2) {
      this.search = null;
      this.changed();
      return;
    }
    this.search = { query, results: null };
    this.changed();
    try {
      const results = await this.client.request<Conversation[]>('conversations.search', { query });
      if (this.search?.query !== query) return;
      results.forEach((c) => this.model.upsert(c));
      this.search = { query, results };
      await this.loader.visitors();
    } catch (error) {
      if (this.search?.query === query) this.search = { query, results: [], error: (error as Error).message };
    }
    this.changed();
  }

  async reloadCanned(): Promise<void> {
    this.canned = await this.client.request<Canned[]>('canned.list');
    this.changed();
  }

  tell(notice: string | null): void {
    this.notice = notice;
    this.changed();
  }
}
