import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Workspace } from '../app/workspace';
import type { Conversation, Message } from '../inbox/types';
import { clock, visitorLabel } from '../ui/format';
import type { Pending } from './outbox';

/** Scrolling within this many pixels of the top loads the previous page of history. */
const LOAD_OLDER_AT_PX = 80;

/**
 * The conversation's messages, oldest at the top. Everything a visitor wrote is rendered as text
 * (Preact sets text nodes; nothing here builds markup from a message). Scrolling up pages history
 * in and keeps the view where it was; new messages keep it at the bottom when it was there.
 */
export function Transcript({ workspace, conversation }: { workspace: Workspace; conversation: Conversation }) {
  const list = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number; atBottom: boolean }>({ height: 0, top: 0, atBottom: true });
  const messages = workspace.model.messages.get(conversation.id) ?? [];
  const pending = workspace.outbox.pendingIn(conversation.id);
  const more = workspace.model.hasMore.get(conversation.id) ?? false;
  const lastMine = [...messages].reverse().find((m) => m.author.kind === 'agent' && m.kind === 'text');

  // Declared first so that, on switching chats, it runs before the scroll below: a new chat opens at its newest message.
  useLayoutEffect(() => {
    anchor.current.atBottom = true;
  }, [conversation.id]);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const before = anchor.current;
    if (before.atBottom) el.scrollTop = el.scrollHeight;
    else if (el.scrollHeight !== before.height && before.top < LOAD_OLDER_AT_PX) el.scrollTop = el.scrollHeight - before.height + before.top;
  });

  const scrolled = () => {
    const el = list.current;
    if (!el) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 40 };
    if (el.scrollTop < LOAD_OLDER_AT_PX && more) void workspace.loadOlder(conversation.id);
  };

  const visitorName = visitorLabel(workspace.visitor(conversation.visitorId), conversation.visitorId);
  return (
    <div class="transcript" ref={list} onScroll={scrolled} role="log" aria-label="Transcript" aria-live="polite">
      {more && <p class="older muted">Scroll up for older messages</p>}
      {messages.map((m) => (
        <MessageRow message={m} visitorName={visitorName} seen={m === lastMine && conversation.visitorReadSeq >= m.seq} />
      ))}
      {pending.map((p) => <PendingRow pending={p} workspace={workspace} />)}
    </div>
  );
}

function MessageRow({ message: m, visitorName, seen }: { message: Message; visitorName: string; seen: boolean }) {
  if (m.kind === 'event') {
    return <p class="event" data-seq={m.seq}>{m.body} · {clock(m.createdAt)}</p>;
  }
  const side = m.author.kind === 'visitor' ? 'visitor' : 'agent';
  const who = m.author.kind === 'visitor' ? visitorName : m.author.name ?? 'Agent';
  return (
    <div class={'message ' + side + (m.kind === 'note' ? ' note' : '')} data-seq={m.seq} data-client-msg-id={m.clientMsgId}>
      <div class="message-meta">
        {m.kind === 'note' && <strong class="note-label">Internal note · </strong>}
        {who} · {clock(m.createdAt)}
      </div>
      <div class="body">{m.body}</div>
      {seen && <div class="receipt">Seen</div>}
    </div>
  );
}

function PendingRow({ pending: p, workspace }: { pending: Pending; workspace: Workspace }) {
  return (
    <div class={'message agent pending' + (p.note ? ' note' : '')} data-client-msg-id={p.clientMsgId}>
      <div class="message-meta">{p.note && <strong class="note-label">Internal note · </strong>}{p.failed ? 'Not sent' : 'Sending…'}</div>
      <div class="body">{p.body}</div>
      {p.failed && (
        <div class="receipt">
          {p.failed} <button type="button" class="link" onClick={() => workspace.outbox.retry(p.clientMsgId)}>Retry</button>
          <button type="button" class="link" onClick={() => workspace.outbox.discard(p.clientMsgId)}>Discard</button>
        </div>
      )}
    </div>
  );
}
