import type { InboxModel } from '../inbox/model';
import type { Colleague, Conversation, Message, Team, View, VisitorSummary } from '../inbox/types';
import type { ConsoleClient } from '../rsocket/client';

/** Conversations loaded per list; the server caps a page at 100. */
const LIST_LIMIT = 100;

/** Messages per history page, both on opening a chat and when scrolling back. */
export const HISTORY_PAGE = 50;

/** Visitors asked for at once; the server caps `visitors.list` at 200. */
const VISITOR_BATCH = 200;

/**
 * What the workspace reads from the server into its model: one conversation, a list, a page of
 * history, the visitors of the conversations held, colleagues and teams. Each call rejects with
 * the request's {@link ConsoleError} and leaves the model as it was before the failed request.
 */
export class Loader {
  private readonly loading = new Set<string>();

  constructor(private readonly client: ConsoleClient, private readonly model: InboxModel, private readonly changed: () => void) {}

  /** One conversation the model does not hold yet, with its visitor. */
  async conversation(conversationId: string): Promise<void> {
    this.model.upsert(await this.client.request<Conversation>('conversations.get', { conversationId }));
    await this.visitors();
  }

  /** The page of history before the oldest message held (the newest page the first time); one at a time per conversation. */
  async older(conversationId: string): Promise<void> {
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

  /** The conversations of one view, with their visitors. */
  async list(view: View): Promise<void> {
    const list = await this.client.request<Conversation[]>('conversations.list', { view, limit: LIST_LIMIT });
    list.forEach((c) => this.model.upsert(c));
    await this.visitors();
    this.changed();
  }

  /** Names and emails of the visitors of every conversation held, for the lists. */
  async visitors(): Promise<void> {
    const missing = [...new Set([...this.model.conversations.values()].map((c) => c.visitorId))]
      .filter((id) => !this.model.visitors.has(id)).slice(0, VISITOR_BATCH);
    if (missing.length === 0) return;
    const found = await this.client.request<VisitorSummary[]>('visitors.list', { visitorIds: missing });
    found.forEach((v) => this.model.visitors.set(v.id, v));
  }

  /** The roster afresh, into the model; resolves with the account's teams. */
  async colleagues(): Promise<Team[]> {
    const done = this.model.roster.read();
    try {
      const [roster, teams] = await Promise.all([
        this.client.request<Colleague[]>('agents.roster'),
        this.client.request<Team[]>('teams.list'),
      ]);
      done(roster);
      return teams;
    } catch (error) {
      done();
      throw error;
    }
  }
}
