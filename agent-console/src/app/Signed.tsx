import { useEffect, useMemo, useState } from 'preact/hooks';
import type { RestApi } from '../auth/api';
import { endSessionUrl } from '../auth/oidc';
import type { Session } from '../auth/session';
import type { Me } from '../auth/types';
import { ConversationPane } from '../conversation/ConversationPane';
import { InboxPanel } from '../inbox/InboxPanel';
import type { View } from '../inbox/types';
import { inView } from '../inbox/views';
import type { Connect } from '../rsocket/channel';
import { SettingsPage } from '../settings/SettingsPage';
import { commandFor, neighbour } from '../shortcuts/keys';
import { ShortcutsOverlay } from '../shortcuts/ShortcutsOverlay';
import { StatusPicker } from '../status/StatusPicker';
import { VisitorPanel } from '../visitor/VisitorPanel';
import { useChanges } from './hooks';
import { go, type Route } from './router';
import { Workspace } from './workspace';

const VIEWS_BY_DIGIT: View[] = ['mine', 'queue', 'all', 'closed'];

/** The signed-in console: header, then the chats (list, conversation, visitor) or the settings. */
export function Signed({ me, session, api, connect, route }: { me: Me; session: Session; api: RestApi; connect: Connect; route: Route }) {
  const workspace = useMemo(() => new Workspace(me, session, connect,
    (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/rsocket',
    (id) => go({ page: 'inbox', conversationId: id })), [me.id]);
  useChanges(workspace);
  const [help, setHelp] = useState(false);
  const [note, setNote] = useState(false);
  const activeId = route.page === 'inbox' ? route.conversationId : null;

  useEffect(() => {
    workspace.start();
    const online = () => workspace.client.reconnectNow();
    const offline = () => workspace.client.dropConnection();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    const off = workspace.subscribe(() => {
      if (workspace.state === 'signedOut' && session.value) void session.signOut();
    });
    return () => {
      off();
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      workspace.stop();
    };
  }, [workspace]);

  useEffect(() => {
    if (workspace.activeId !== activeId) workspace.open(activeId);
  }, [activeId, workspace]);

  useEffect(() => {
    const keydown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT');
      const command = commandFor(event, typing);
      if (!command) return;
      const ids = inView(workspace.view, workspace.model.conversations.values(), me.id).map((c) => c.id);
      const open = (id: string | null) => id && go({ page: 'inbox', conversationId: id });
      switch (command) {
        case 'next': open(neighbour(ids, workspace.activeId, 1)); break;
        case 'previous': open(neighbour(ids, workspace.activeId, -1)); break;
        case 'focusComposer': document.getElementById('composer')?.focus(); break;
        case 'toggleNote': setNote((n) => !n); break;
        case 'close': if (workspace.activeId) void workspace.act('conversations.close', { conversationId: workspace.activeId }); break;
        case 'help': setHelp(true); break;
        case 'escape': setHelp(false); return;
        default: {
          const view = VIEWS_BY_DIGIT[Number(command.slice(5)) - 1];
          if (view && (view !== 'all' || workspace.supervisor)) workspace.setView(view);
        }
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', keydown);
    return () => window.removeEventListener('keydown', keydown);
  }, [workspace]);

  const signOut = async () => {
    const ended = await session.signOut();
    const url = ended ? endSessionUrl(ended, location.origin) : null;
    if (url) location.assign(url);
  };

  return (
    <div class="console">
      <header class="topbar">
        <strong class="brand">Parley</strong>
        <StatusPicker workspace={workspace} />
        <span class={'connection ' + workspace.state} role="status">
          {workspace.state === 'online' ? 'Connected' : workspace.state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
        <span class="spacer" />
        {workspace.notifier.permission === 'default' && (
          <button type="button" onClick={() => void workspace.notifier.ask().then(() => workspace.changed())}>Enable notifications</button>
        )}
        <button type="button" class="link" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">?</button>
        <a href="/console/settings/canned" onClick={(e) => {
          e.preventDefault();
          go({ page: 'settings', section: 'canned' });
        }}>Settings</a>
        <span class="me">{me.displayName}</span>
        <button type="button" onClick={() => void signOut()}>Sign out</button>
      </header>
      {workspace.notice && (
        <div class="notice" role="alert">{workspace.notice} <button type="button" class="link" onClick={() => workspace.tell(null)}>Dismiss</button></div>
      )}
      {route.page === 'settings' ? <SettingsPage workspace={workspace} api={api} section={route.section} /> : (
        <div class="workspace">
          <InboxPanel workspace={workspace} onOpen={(id) => go({ page: 'inbox', conversationId: id })} />
          {activeId ? <ConversationPane workspace={workspace} conversationId={activeId} note={note} setNote={setNote} />
            : <section class="conversation empty-pane"><p class="muted">Pick a conversation. Press ? for keyboard shortcuts.</p></section>}
          {activeId && workspace.model.conversations.get(activeId) && (
            <VisitorPanel workspace={workspace} conversation={workspace.model.conversations.get(activeId)!}
              onOpen={(id) => go({ page: 'inbox', conversationId: id })} />
          )}
        </div>
      )}
      {help && <ShortcutsOverlay close={() => setHelp(false)} />}
    </div>
  );
}
