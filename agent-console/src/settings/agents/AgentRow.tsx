import { useState } from 'preact/hooks';
import type { Role } from '../../auth/types';
import type { AdminClient } from '../admin/client';
import { FieldError, NO_PROBLEM, optionalNumber, problemOf, type Problem } from '../admin/forms';
import { deactivateAgent, inviteAgent, reactivateAgent, ROLES, updateAgent, type AdminAgent } from './api';

/** One agent in the table: role and capacity edited in place, deactivation behind a confirmation. */
export function AgentRow({ admin, agent, onChange }: { admin: AdminClient; agent: AdminAgent; onChange: (a: AdminAgent) => void }) {
  const [role, setRole] = useState<Role>(agent.role);
  const [capacity, setCapacity] = useState(agent.capacityOverride == null ? '' : String(agent.capacityOverride));
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const [note, setNote] = useState<string | null>(null);
  const changed = role !== agent.role || capacity !== (agent.capacityOverride == null ? '' : String(agent.capacityOverride));

  const run = async (action: () => Promise<AdminAgent | void>, done?: string) => {
    try {
      const updated = await action();
      if (updated) onChange(updated);
      setProblem(NO_PROBLEM);
      setNote(done ?? null);
    } catch (e) {
      setProblem(problemOf(e));
      setNote(null);
    }
  };
  const save = () => run(() => updateAgent(admin, agent.id, { role, capacityOverride: optionalNumber(capacity) }), 'Saved');
  const deactivate = () => confirm(agent.displayName + "'s open chats go back to the queue and they are signed out everywhere. Deactivate?")
    && void run(() => deactivateAgent(admin, agent.id));

  return (
    <tr data-agent-id={agent.id} class={agent.active ? '' : 'inactive'}>
      <td>{agent.displayName}<div class="muted">{agent.email}</div></td>
      <td>
        <select aria-label={'Role of ' + agent.displayName} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => <option value={r}>{r.charAt(0) + r.slice(1).toLowerCase()}</option>)}
        </select>
        <FieldError problem={problem} field="role" />
      </td>
      <td>
        <input class="narrow" aria-label={'Capacity of ' + agent.displayName} inputMode="numeric" placeholder="site's" value={capacity}
          onInput={(e) => setCapacity(e.currentTarget.value)} />
        <FieldError problem={problem} field="capacityOverride" />
      </td>
      <td>{agent.active ? 'Active' : 'Deactivated'}</td>
      <td class="row-actions">
        {changed && <button type="button" class="primary" onClick={() => void save()}>Save</button>}{' '}
        {agent.active
          ? <button type="button" class="danger" onClick={deactivate}>Deactivate</button>
          : <button type="button" onClick={() => void run(() => reactivateAgent(admin, agent.id))}>Reactivate</button>}{' '}
        {agent.active && <button type="button" class="link" onClick={() => void run(() => inviteAgent(admin, agent.id), 'Invitation sent')}>Send invitation</button>}
        {note && <span class="saved" role="status">{note}</span>}
        {problem.message && Object.keys(problem.fields).length === 0 && <span class="error" role="alert">{problem.message}</span>}
      </td>
    </tr>
  );
}
