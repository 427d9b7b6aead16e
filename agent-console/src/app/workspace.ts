import type { Me } from '../auth/types';
import type { Session } from '../auth/session';
import { isSupervisor } from '../auth/types';
import type { Canned } from '../canned/canned';
import { Drafts } from '../conversation/drafts';
import { Outbox, type Ack } from '../conversation/outbox';
import { InboxModel, type Effect } from '../inbox/model';
import type { Colleague, Conversation, Message, Team, View, VisitorSummary } from '../inbox/types';
import { Notifier } from '../notify/notifier';
import type { Connect } from '../rsocket/channel';
import { ConsoleClient, type ConnectionState, type InboxEvent } from '../rsocket/client';

/** Conversations loaded per list; the server caps a page at 100. */
const LIST_LIMIT = 100;

/** Messages per history page, both on opening a chat and when scrolling back. */
export const HISTORY_PAGE = 50;

/**
 * The agent's workspace: the connection, what it delivered, and everything the agent does. Views
 * subscribe to it and re-render on every change; its fields are read, never written, by them.
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
  private readonly listeners = new Set<() => void>();
  private readonly loading = new Set<string>();
  private readingUpTo = new Map<string, number>();

  constructor(readonly me: Me, readonly session: Session, connect: Connect, url: string,
    private readonly navigate: (conversationId: string | null) => void) {
    this.model = new InboxModel(me.id);
    this.outbox = new Outbox((p) => this.client.request<Ack>(p.note ? 'conversations.note' : 'conversations.send',
      { conversationId: p.conversationId, clientMsgId: p.clientMsgId, body: p.body }), () => this.changed());
    this.drafts = new Drafts((conversationId, active, internal) => {
      this.client.request('conversations.typing', { conversationId, active, internal }).catch(() => undefined);
    });
    this.notifier = new Notifier((id) => this.navigate(id));
    this.client = new ConsoleClient({
      url,
      connect,
      tokens: session,
      cursors: () => this.model.cursors(),
      onEvent: (event) => this.event(event),
      onState: (state) => {
        this.state = state;
        this.changed();
      },
    });
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
    if (view === 'closed' || view === 'all') void this.loadList(view);
  }

  /** Shows a conversation, loading its newest history the first time. */
  open(conversationId: string | null): void {
    this.activeId = conversationId;
    this.changed();
    if (!conversationId) return;
    const run = async () => {
      if (!this.model.conversations.has(conversationId)) {
        this.model.upsert(await this.client.request<Conversation>('conversations.get', { conversationId }));
        await this.loadVisitors();
      }
      if (!this.model.hasMore.has(conversationId)) await this.loadOlder(conversationId);
      this.markRead(conversationId);
    };
    run().catch((e: Error) => this.tell(e.message)).finally(() => this.changed());
  }

  /** The page of history before the oldest message held. */
  async loadOlder(conversationId: string): Promise<void> {
    if (this.loading.has(conversationId)) return;
    this.loading.add(conversationId);
    try {
      const held = this.model.messages.get(conversationId);
      const oldest = this.model.hasMore.has(conversationId) ? held?.[0]?.seq : undefined;
      const page = await this.client.request<{ messages: Message[]; hasMore: boolean }>('conversations.history',
        oldest === undefined ? { conversationId, limit: HISTORY_PAGE } : { conversationId, beforeSeq: oldest, limit: HISTORY_PAGE });
      this.model.addHistory(conversationId, page.messages, page.hasMore);
      this.changed();
    } finally {
      this.loading.delete(conversationId);
    }
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
      await this.loadVisitors();
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

  private event(event: InboxEvent): void {
    if (event.type === 'visitor.navigated') {
      const visitorId = event.visitorId as string;
      this.navigations.set(visitorId, (this.navigations.get(visitorId) ?? 0) + 1);
    }
    for (const effect of this.model.apply(event)) this.effect(effect);
    if (event.type === 'message') {
      this.outbox.delivered((event as unknown as Message).clientMsgId);
      const id = (event as unknown as Message).conversationId;
      if (id === this.activeId) this.markRead(id);
    }
    this.changed();
  }

  private effect(effect: Effect): void {
    switch (effect.kind) {
      case 'ready':
        void this.reload();
        this.outbox.resend();
        return;
      case 'needConversation':
        this.client.request<Conversation>('conversations.get', { conversationId: effect.conversationId })
          .then((c) => {
            this.model.upsert(c);
            return this.loadVisitors();
          })
          .catch(() => undefined)
          .finally(() => this.changed());
        return;
      case 'assignedToMe': {
        void this.loadOlder(effect.conversationId).catch(() => undefined);
        void this.loadVisitors();
        this.notifier.notify('New chat assigned', 'A visitor is waiting for you', effect.conversationId, false);
        return;
      }
      case 'lostConversation':
        if (!this.supervisor) this.model.forget(effect.conversationId);
        return;
      case 'visitorMessage': {
        const c = this.model.conversations.get(effect.message.conversationId);
        if (!c || c.assignedAgentId !== this.me.id) return;
        const name = this.visitor(c.visitorId)?.name ?? 'Visitor';
        this.notifier.notify(name, effect.message.body, c.id, c.id === this.activeId);
        return;
      }
    }
  }

  /** After (re)connecting: the lists, colleagues, teams and canned responses afresh, and the open chats' transcripts. */
  private async reload(): Promise<void> {
    try {
      const views: View[] = this.supervisor ? ['mine', 'queue', 'all'] : ['mine', 'queue'];
      if (this.view === 'closed') views.push('closed');
      await Promise.all(views.map((v) => this.loadList(v)));
      const [roster, teams] = await Promise.all([
        this.client.request<Colleague[]>('agents.roster'),
        this.client.request<Team[]>('teams.list'),
      ]);
      this.model.roster.clear();
      roster.forEach((c) => this.model.roster.set(c.agentId, c));
      this.teams = teams;
      await this.reloadCanned();
      for (const c of this.model.conversations.values()) {
        if (c.status === 'assigned' && c.assignedAgentId === this.me.id && !this.model.hasMore.has(c.id)) {
          await this.loadOlder(c.id).catch(() => undefined);
        }
      }
      if (this.activeId) this.markRead(this.activeId);
    } catch (error) {
      this.tell((error as Error).message);
    }
    this.changed();
  }

  private async loadList(view: View): Promise<void> {
    const list = await this.client.request<Conversation[]>('conversations.list', { view, limit: LIST_LIMIT });
    list.forEach((c) => this.model.upsert(c));
    await this.loadVisitors();
    this.changed();
  }

  /** Names and emails of the visitors of every conversation held, for the lists. */
  private async loadVisitors(): Promise<void> {
    const missing = [...new Set([...this.model.conversations.values()].map((c) => c.visitorId))]
      .filter((id) => !this.model.visitors.has(id)).slice(0, 200);
    if (missing.length === 0) return;
    const found = await this.client.request<VisitorSummary[]>('visitors.list', { visitorIds: missing });
    found.forEach((v) => this.model.visitors.set(v.id, v));
  }
}
