import { useEffect, useRef, useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace';
import { expand, slashToken, suggestions, type Canned } from '../canned/canned';
import type { Conversation } from '../inbox/types';

/**
 * The server's default `parley.agent-gateway.max-message-length`. A longer message would be refused
 * (`invalid_request`, shown as not sent), and one past the transport's 64 KB would drop the
 * connection on every resend instead, so the box stops there.
 */
export const MAX_MESSAGE_LENGTH = 10_000;

/**
 * Reply or internal note. Enter sends and Shift+Enter adds a line (an IME composition's Enter only
 * confirms it); `/shortcut` offers canned responses, Tab or Enter inserts the chosen one. The text
 * is kept per conversation while the agent switches chats.
 */
export function Composer({ workspace, conversation, note, setNote }: { workspace: Workspace; conversation: Conversation;
  note: boolean; setNote: (note: boolean) => void }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(workspace.drafts.text(conversation.id, note));
  const [picked, setPicked] = useState(0);
  const [caret, setCaret] = useState(0);
  useEffect(() => setText(workspace.drafts.text(conversation.id, note)), [conversation.id, note, workspace]);

  const slash = slashToken(text, caret);
  const offered: Canned[] = slash ? suggestions(workspace.canned, slash.query) : [];
  const closed = conversation.status === 'closed';
  const mayReply = note || conversation.assignedAgentId === workspace.me.id || workspace.supervisor;

  const update = (value: string, at: number) => {
    setText(value);
    setCaret(at);
    setPicked(0);
    workspace.drafts.edit(conversation.id, note, value);
  };

  const insert = (canned: Canned) => {
    if (!slash) return;
    const result = expand(text, slash.start, caret, canned);
    update(result.text, result.caret);
    requestAnimationFrame(() => box.current?.setSelectionRange(result.caret, result.caret));
  };

  const send = () => {
    if (!text.trim()) return;
    workspace.send(conversation.id, text, note);
    setText('');
    setCaret(0);
  };

  const keydown = (event: KeyboardEvent) => {
    if (offered.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setPicked((picked + (event.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        insert(offered[picked] ?? offered[0]!);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  if (closed) return <p class="composer-closed muted">This conversation is closed. Reopen it to write again.</p>;
  return (
    <div class={'composer' + (note ? ' note-mode' : '')}>
      <div class="composer-modes" role="tablist" aria-label="Write">
        <button type="button" role="tab" aria-selected={!note} onClick={() => setNote(false)}>Reply</button>
        <button type="button" role="tab" aria-selected={note} onClick={() => setNote(true)}>Internal note</button>
      </div>
      {offered.length > 0 && (
        <ul class="canned-suggestions" role="listbox" aria-label="Canned responses">
          {offered.map((c, i) => (
            <li role="option" aria-selected={i === picked} onMouseDown={(e) => {
              e.preventDefault();
              insert(c);
            }}>
              <strong>/{c.shortcut}</strong> {c.title} <span class="muted">{c.scope === 'personal' ? 'yours' : 'team'}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea ref={box} id="composer" rows={3} value={text} disabled={!mayReply} maxLength={MAX_MESSAGE_LENGTH}
        aria-label={note ? 'Internal note, seen by agents only' : 'Reply to the visitor'}
        placeholder={!mayReply ? 'Claim this conversation to reply' : note ? 'Note for your colleagues; the visitor never sees it'
          : 'Reply… (Enter sends, Shift+Enter for a new line, / for canned responses)'}
        onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)} onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={keydown} />
      <button type="button" class="primary send" disabled={!mayReply || !text.trim()} onClick={send}>
        {note ? 'Add note' : 'Send'}
      </button>
    </div>
  );
}

/** The visitor's typing indicator with the live preview of what they have not sent yet. */
export function DraftPreview({ workspace, conversation, visitorName }: { workspace: Workspace; conversation: Conversation;
  visitorName: string }) {
  const typing = workspace.model.typingIn(conversation.id);
  const visitor = typing.find((t) => t.author.kind === 'visitor');
  const colleagues = typing.filter((t) => t.author.kind === 'agent');
  useEffect(() => {
    if (typing.length === 0) return;
    // Signals expire on their own; re-render once they would have.
    const timer = setTimeout(() => workspace.changed(), 8_500);
    return () => clearTimeout(timer);
  });
  if (!visitor && colleagues.length === 0) return null;
  return (
    <div class="typing" aria-live="polite">
      {visitor && (
        <p class="draft-preview">
          <span class="muted">{visitorName} is typing{visitor.draft ? ':' : '…'}</span>
          {visitor.draft && <span class="draft-text"> {visitor.draft}</span>}
        </p>
      )}
      {colleagues.map((c) => <p class="muted">{c.author.name ?? 'A colleague'} is writing {c.internal ? 'a note' : 'a reply'}…</p>)}
    </div>
  );
}
