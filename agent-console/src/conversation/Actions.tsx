import { useState } from 'preact/hooks';
import type { Workspace } from '../app/workspace';
import type { Conversation } from '../inbox/types';

type Dialog = 'transfer' | 'ban' | 'assign' | null;

/** What the agent can do to the conversation: claim, assign, transfer, close, reopen, ban its visitor. */
export function Actions({ workspace, conversation: c }: { workspace: Workspace; conversation: Conversation }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const mine = c.assignedAgentId === workspace.me.id;
  const mayAct = mine || workspace.supervisor;
  const waiting = c.status === 'queued' || c.status === 'pending';
  const id = c.id;
  return (
    <div class="actions">
      {waiting && <button type="button" onClick={() => void workspace.act('queue.claim', { conversationId: id })}>Claim</button>}
      {waiting && workspace.supervisor && <button type="button" onClick={() => setDialog('assign')}>Assign…</button>}
      {c.status === 'assigned' && mayAct && <button type="button" onClick={() => setDialog('transfer')}>Transfer…</button>}
      {c.status !== 'closed' && mayAct && (
        <button type="button" data-action="close" onClick={() => void workspace.act('conversations.close', { conversationId: id })}>
          Close
        </button>
      )}
      {c.status === 'closed' && mayAct && (
        <button type="button" onClick={() => void workspace.act('conversations.reopen', { conversationId: id })}>Reopen</button>
      )}
      {mayAct && c.status !== 'closed' && <button type="button" class="danger" onClick={() => setDialog('ban')}>Ban…</button>}
      {dialog === 'transfer' && <TransferDialog workspace={workspace} conversation={c} route="conversations.transfer"
        close={() => setDialog(null)} />}
      {dialog === 'assign' && <TransferDialog workspace={workspace} conversation={c} route="conversations.assign"
        close={() => setDialog(null)} />}
      {dialog === 'ban' && <BanDialog workspace={workspace} visitorId={c.visitorId} close={() => setDialog(null)} />}
    </div>
  );
}

function TransferDialog({ workspace, conversation: c, route, close }: { workspace: Workspace; conversation: Conversation;
  route: 'conversations.transfer' | 'conversations.assign'; close: () => void }) {
  const colleagues = [...workspace.model.roster.values()].filter((a) => a.agentId !== c.assignedAgentId);
  const go = async (target: { agentId: string } | { teamId: string }) => {
    const done = await workspace.act(route, { conversationId: c.id, ...target });
    if (done) close();
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label={route === 'conversations.assign' ? 'Assign' : 'Transfer'}>
      <h2>{route === 'conversations.assign' ? 'Assign to' : 'Transfer to'}</h2>
      <ul class="pick-list">
        {colleagues.map((a) => (
          <li>
            <button type="button" data-agent-id={a.agentId} disabled={!a.live || a.status !== 'online'} onClick={() => void go({ agentId: a.agentId })}>
              <span class={'dot ' + (a.live ? a.status : 'offline')} aria-hidden="true" /> {a.displayName}
              <span class="muted"> {a.openChats}/{a.capacity}{a.live ? '' : ' · not connected'}</span>
            </button>
          </li>
        ))}
      </ul>
      {route === 'conversations.transfer' && workspace.teams.length > 0 && (
        <>
          <h3>Or back into a team's queue</h3>
          <ul class="pick-list">
            {workspace.teams.map((t) => (
              <li><button type="button" onClick={() => void go({ teamId: t.id })}>{t.name}</button></li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={close}>Cancel</button>
    </div>
  );
}

function BanDialog({ workspace, visitorId, close }: { workspace: Workspace; visitorId: string; close: () => void }) {
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('24');
  const [address, setAddress] = useState(false);
  const ban = async (event: Event) => {
    event.preventDefault();
    const done = await workspace.act('visitors.ban', { visitorId, reason: reason || undefined,
      hours: hours === 'forever' ? undefined : Number(hours), includeAddress: address });
    if (done) close();
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label="Ban visitor"><form onSubmit={ban}>
      <h2>Ban this visitor</h2>
      <p class="muted">Their chat closes and they cannot start another until the ban ends.</p>
      <label>Reason <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} /></label>
      <label>For
        <select value={hours} onChange={(e) => setHours(e.currentTarget.value)}>
          <option value="24">24 hours</option>
          <option value="168">7 days</option>
          <option value="720">30 days</option>
          <option value="forever">Permanently</option>
        </select>
      </label>
      <label class="check"><input type="checkbox" checked={address} onChange={(e) => setAddress(e.currentTarget.checked)} />
        Their network address too</label>
      <button type="submit" class="danger">Ban</button> <button type="button" onClick={close}>Cancel</button>
    </form></div>
  );
}
