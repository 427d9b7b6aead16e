import { useEffect } from 'preact/hooks';
import type { Workspace } from '../app/workspace';
import { visitorLabel } from '../ui/format';
import { Actions } from './Actions';
import { Composer, DraftPreview } from './Composer';
import { Transcript } from './Transcript';

/** The open conversation: who and what state, the actions, the transcript, the visitor's draft, the composer. */
export function ConversationPane({ workspace, conversationId, note, setNote }: { workspace: Workspace;
  conversationId: string; note: boolean; setNote: (note: boolean) => void }) {
  const conversation = workspace.model.conversations.get(conversationId);
  useEffect(() => {
    const read = () => document.visibilityState === 'visible' && workspace.markRead(conversationId);
    document.addEventListener('visibilitychange', read);
    return () => document.removeEventListener('visibilitychange', read);
  }, [conversationId, workspace]);
  if (!conversation) {
    return <section class="conversation empty-pane"><p class="muted">This conversation is not (or no longer) yours to see.</p></section>;
  }
  const name = visitorLabel(workspace.visitor(conversation.visitorId), conversation.visitorId);
  const agent = conversation.assignedAgentId ? workspace.model.roster.get(conversation.assignedAgentId)?.displayName : undefined;
  return (
    <section class="conversation" aria-label={'Conversation with ' + name} data-conversation-id={conversation.id}>
      <header class="conversation-header">
        <div>
          <h2>{name}</h2>
          <p class="muted conversation-state">
            {conversation.status === 'assigned' ? 'With ' + (conversation.assignedAgentId === workspace.me.id ? 'you' : agent ?? 'a colleague')
              : conversation.status === 'queued' ? 'Waiting in the queue'
              : conversation.status === 'pending' ? 'Pending follow-up' : 'Closed'}
            {conversation.rating ? ' · rated ' + conversation.rating + '/5' : ''}
          </p>
        </div>
        <Actions workspace={workspace} conversation={conversation} />
      </header>
      <Transcript workspace={workspace} conversation={conversation} />
      <DraftPreview workspace={workspace} conversation={conversation} visitorName={name} />
      <Composer workspace={workspace} conversation={conversation} note={note} setNote={setNote} />
    </section>
  );
}
