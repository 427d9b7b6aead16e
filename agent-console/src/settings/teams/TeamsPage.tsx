import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listAgents, type AdminAgent } from '../agents/api';
import { createTeam, listTeams, type AdminTeam } from './api';
import { TeamCard } from './TeamCard';

/** Teams and their members: a site's chats can go to one team, and agents transfer chats to a team. */
export function TeamsPage({ admin }: { admin: AdminClient }) {
  const [teams, setTeams] = useState<AdminTeam[] | null>(null);
  const [agents, setAgents] = useState<AdminAgent[]>([]);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  useEffect(() => {
    Promise.all([listTeams(admin), listAgents(admin)]).then(([t, a]) => {
      setTeams(t);
      setAgents(a);
    }, (e) => setProblem(problemOf(e)));
  }, [admin]);

  const create = async (event: Event) => {
    event.preventDefault();
    try {
      const team = await createTeam(admin, name);
      setTeams((all) => [...(all ?? []), team].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };

  return (
    <section class="admin-page teams">
      <h1>Teams</h1>
      {/* Only once the list is in: a team created earlier would be overwritten by the list read before it. */}
      {teams && <form class="inline-form" noValidate onSubmit={create} aria-label="New team">
        <Field label="New team" field="name" problem={problem}>
          <input name="name" value={name} placeholder="Sales" onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="primary">Create team</button>
      </form>}
      <ProblemBanner problem={problem} />
      {teams?.length === 0 && <p class="muted">No teams yet.</p>}
      <ul class="team-list">
        {teams?.map((team) => (
          <TeamCard key={team.id} admin={admin} team={team} agents={agents}
            onChange={(t) => setTeams((all) => (all ?? []).map((x) => (x.id === t.id ? t : x)))}
            onDeleted={() => setTeams((all) => (all ?? []).filter((x) => x.id !== team.id))} />
        ))}
      </ul>
    </section>
  );
}
