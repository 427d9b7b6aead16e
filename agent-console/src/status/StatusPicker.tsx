import { useChanges } from '../app/hooks';
import type { Workspace } from '../app/workspace';
import { inView } from '../inbox/views';

const LABELS = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

/**
 * The agent's status and load, such as "2/3": open chats held over capacity. It follows the server,
 * so every tab of the agent shows the same (a change in one reaches the others as `agent.status`).
 */
export function StatusPicker({ workspace }: { workspace: Workspace }) {
  useChanges(workspace);
  const self = workspace.myself();
  const status = self?.status ?? 'offline';
  const open = inView('mine', workspace.model.conversations.values(), workspace.me.id).length;
  const set = async (value: string) => {
    const answer = await workspace.act<{ status: typeof status }>('status.set', { status: value });
    if (answer) {
      // Into the roster as it is now: the one of this render may not have been loaded yet.
      workspace.model.roster.status(workspace.me.id, answer.status);
      workspace.changed();
    }
  };
  return (
    <div class="status">
      <span class={'dot ' + status} aria-hidden="true" />
      <label class="visually-hidden" for="status-select">Your status</label>
      <select id="status-select" class="status-select" value={status} onChange={(e) => void set(e.currentTarget.value)}>
        {Object.entries(LABELS).map(([value, label]) => <option value={value}>{label}</option>)}
      </select>
      <span class="capacity" title="Open chats / capacity">{open}/{self?.capacity ?? '–'}</span>
    </div>
  );
}
