import type { Effect } from '../inbox/model';
import type { Message, View } from '../inbox/types';
import type { InboxEvent } from '../rsocket/types';
import type { Workspace } from './workspace';

/**
 * What the workspace does with each inbox event: applies it to the model, then acts on what the
 * model says it meant (a chat assigned to this agent, a visitor's message to notify, a conversation
 * to fetch), and after every (re)connect (`inbox.ready`) reloads everything and resends the outbox.
 */
export class InboxEvents {
  constructor(private readonly ws: Workspace) {}

  handle(event: InboxEvent): void {
    const ws = this.ws;
    if (event.type === 'visitor.navigated') {
      const visitorId = event.visitorId as string;
      ws.navigations.set(visitorId, (ws.navigations.get(visitorId) ?? 0) + 1);
    }
    for (const effect of ws.model.apply(event)) this.effect(effect);
    if (event.type === 'message') {
      ws.outbox.delivered((event as unknown as Message).clientMsgId);
      const id = (event as unknown as Message).conversationId;
      if (id === ws.activeId) ws.markRead(id);
    }
    ws.changed();
  }

  private effect(effect: Effect): void {
    const ws = this.ws;
    switch (effect.kind) {
      case 'ready':
        void this.reload();
        ws.outbox.resend();
        return;
      case 'needConversation':
        ws.loader.conversation(effect.conversationId)
          .catch(() => undefined)
          .finally(() => ws.changed());
        return;
      case 'assignedToMe': {
        void ws.loader.older(effect.conversationId).catch(() => undefined);
        void ws.loader.visitors();
        ws.notifier.notify('New chat assigned', 'A visitor is waiting for you', effect.conversationId, false);
        return;
      }
      case 'lostConversation':
        if (!ws.supervisor) ws.model.forget(effect.conversationId);
        return;
      case 'takenByColleague':
        // An agent saw it only while it waited; a supervisor follows every chat, known or not.
        if (!ws.supervisor) ws.model.forget(effect.conversationId);
        else if (!ws.model.conversations.has(effect.conversationId)) {
          ws.loader.conversation(effect.conversationId).catch(() => undefined).finally(() => ws.changed());
        }
        return;
      case 'visitorMessage': {
        const c = ws.model.conversations.get(effect.message.conversationId);
        if (!c || c.assignedAgentId !== ws.me.id) return;
        const name = ws.visitor(c.visitorId)?.name ?? 'Visitor';
        ws.notifier.notify(name, effect.message.body, c.id, c.id === ws.activeId);
        return;
      }
    }
  }

  /** After (re)connecting: the lists, colleagues, teams and canned responses afresh, and the open chats' transcripts. */
  private async reload(): Promise<void> {
    const ws = this.ws;
    try {
      const views: View[] = ws.supervisor ? ['mine', 'queue', 'all'] : ['mine', 'queue'];
      if (ws.view === 'closed') views.push('closed');
      await Promise.all(views.map((v) => ws.loader.list(v)));
      ws.teams = await ws.loader.colleagues();
      await ws.reloadCanned();
      for (const c of ws.model.conversations.values()) {
        if (c.status === 'assigned' && c.assignedAgentId === ws.me.id && !ws.model.hasMore.has(c.id)) {
          await ws.loader.older(c.id).catch(() => undefined);
        }
      }
      if (ws.activeId) ws.markRead(ws.activeId);
    } catch (error) {
      ws.tell((error as Error).message);
    }
    ws.changed();
  }
}
