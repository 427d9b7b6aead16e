import { useEffect, useState } from 'preact/hooks';
import { useChanges, useNow } from '../app/hooks';
import type { Workspace } from '../app/workspace';
import { visitorLabel } from '../ui/format';
import type { Conversation, View } from './types';
import { unreadCount } from './unread';
import { inView, waited } from './views';

const VIEW_LABELS: Record<View, string> = { mine: 'Mine', queue: 'Queue', all: 'All open', closed: 'Closed' };

/** The views with their counts, the search box, and the list of the chosen view or of the search's hits. */
export function InboxPanel({ workspace, onOpen }: { workspace: Workspace; onOpen: (id: string) => void }) {
  useChanges(workspace);
  const now = useNow(15_000);
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => void workspace.runSearch(query), 300);
    return () => clearTimeout(timer);
  }, [query, workspace]);

  const views: View[] = workspace.supervisor ? ['mine', 'queue', 'all', 'closed'] : ['mine', 'queue', 'closed'];
  const all = workspace.model.conversations.values();
  const shown = workspace.search?.results ?? inView(workspace.view, all, workspace.me.id);
  return (
    <nav class="inbox" aria-label="Conversations">
      <div class="views" role="tablist">
        {views.map((view) => {
          const list = inView(view, workspace.model.conversations.values(), workspace.me.id);
          const unread = view === 'mine' ? list.reduce((n, c) => n + unreadCount(c, workspace.model.messages.get(c.id)), 0) : 0;
          return (
            <button role="tab" type="button" data-view={view} aria-selected={workspace.view === view && !workspace.search}
              onClick={() => {
                setQuery('');
                workspace.setView(view);
              }}>
              {VIEW_LABELS[view]}
              {view !== 'closed' && <span class="count">{list.length}</span>}
              {unread > 0 && <span class="badge" aria-label={unread + ' unread'}>{unread}</span>}
            </button>
          );
        })}
      </div>
      <input type="search" class="search" placeholder="Search name, email or text" aria-label="Search conversations"
        value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {workspace.search?.error && <p class="error">{workspace.search.error}</p>}
      {workspace.search && workspace.search.results === null && <p class="muted">Searching…</p>}
      <ul class="conversation-list">
        {shown.map((c) => <Row workspace={workspace} conversation={c} now={now} onOpen={onOpen} />)}
        {shown.length === 0 && <li class="empty muted">{workspace.search ? 'Nothing found.' : emptyText(workspace.view)}</li>}
      </ul>
    </nav>
  );
}

function Row({ workspace, conversation: c, now, onOpen }: { workspace: Workspace; conversation: Conversation; now: number;
  onOpen: (id: string) => void }) {
  const messages = workspace.model.messages.get(c.id);
  const last = messages?.filter((m) => m.kind !== 'event').at(-1);
  const unread = c.assignedAgentId === workspace.me.id ? unreadCount(c, messages) : 0;
  const waiting = c.status === 'queued' || c.status === 'pending';
  const typing = workspace.model.typingIn(c.id).some((t) => t.author.kind === 'visitor');
  return (
    <li class={'row' + (c.id === workspace.activeId ? ' active' : '') + (unread > 0 ? ' unread' : '')} data-conversation-id={c.id}>
      <button type="button" class="row-main" onClick={() => onOpen(c.id)}>
        <span class="row-name">{visitorLabel(workspace.visitor(c.visitorId), c.visitorId)}</span>
        <span class="row-preview">{typing ? 'typing…' : last ? (last.kind === 'note' ? 'Note: ' : '') + last.body : statusText(c)}</span>
        <span class="row-meta">
          {waiting ? 'waiting ' + waited(c.queuedAt ?? c.createdAt, now) : c.status === 'closed' ? 'closed' : ''}
          {unread > 0 && <span class="badge" aria-label={unread + ' unread'}>{unread}</span>}
        </span>
      </button>
      {waiting && (
        <button type="button" class="claim" onClick={() => void workspace.act('queue.claim', { conversationId: c.id })
          .then((taken) => taken && onOpen(c.id))}>Claim</button>
      )}
    </li>
  );
}

function statusText(c: Conversation): string {
  return c.status === 'pending' ? 'Pending follow-up' : c.status === 'queued' ? 'Waiting in the queue' : 'No messages yet';
}

function emptyText(view: View): string {
  return view === 'mine' ? 'No chats assigned to you.' : view === 'queue' ? 'Nobody is waiting.' : 'No conversations.';
}
