import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import type { AdminAgent } from '../agents/api';
import { addMember, deleteTeam, removeMember, renameTeam, type AdminTeam } from './api';

/** One team: its name, its members, and the agents who could join it. */
export function TeamCard({ admin, team, agents, onChange, onDeleted }: {
  admin: AdminClient; team: AdminTeam; agents: AdminAgent[]; onChange: (t: AdminTeam) => void; onDeleted: () => void;
}) {
  const [name, setName] = useState(team.name);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const nameOf = (id: string) => agents.find((a) => a.id === id)?.displayName ?? id;
  const outside = agents.filter((a) => a.active && !team.memberIds.includes(a.id));

  return (
    <li class="team" data-team-id={team.id}>
      <form class="inline-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        void run(async () => onChange(await renameTeam(admin, team.id, name)));
      }}>
        <Field label="Team name" field="name" problem={problem}>
          <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <button type="submit" disabled={name === team.name}>Rename</button>{' '}
        <button type="button" class="danger" onClick={() => confirm('Delete the team ' + team.name + '?')
          && void run(async () => { await deleteTeam(admin, team.id); onDeleted(); })}>Delete</button>
      </form>
      <ProblemBanner problem={problem} />
      <ul class="members">
        {team.memberIds.length === 0 && <li class="muted">No members yet.</li>}
        {team.memberIds.map((id) => (
          <li data-agent-id={id}>{nameOf(id)}{' '}
            <button type="button" class="link" onClick={() => void run(async () => {
              await removeMember(admin, team.id, id);
              onChange({ ...team, memberIds: team.memberIds.filter((m) => m !== id) });
            })}>Remove</button>
          </li>
        ))}
      </ul>
      {outside.length > 0 && (
        <div class="inline-form">
          <select aria-label={'Add to ' + team.name} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">Add an agent…</option>
            {outside.map((a) => <option value={a.id}>{a.displayName}</option>)}
          </select>{' '}
          <button type="button" disabled={!adding} onClick={() => void run(async () => {
            onChange(await addMember(admin, team.id, adding));
            setAdding('');
          })}>Add</button>
        </div>
      )}
    </li>
  );
}
