import { useEffect, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { listAgents, type AdminAgent } from './api';
import { AgentRow } from './AgentRow';
import { NewAgentForm } from './NewAgentForm';

/** The account's agents, active or not: add, change role and capacity, deactivate. */
export function AgentsPage({ admin }: { admin: AdminClient }) {
  const [agents, setAgents] = useState<AdminAgent[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  useEffect(() => void listAgents(admin).then(setAgents, (e) => setProblem(problemOf(e))), [admin]);

  return (
    <section class="admin-page agents">
      <h1>Agents</h1>
      <ProblemBanner problem={problem} />
      {agents && (adding
        ? <NewAgentForm admin={admin} onCancel={() => setAdding(false)} onCreated={(a) => {
          setAgents((all) => [...(all ?? []), a]);
          setAdding(false);
        }} />
        : <button type="button" class="primary" onClick={() => setAdding(true)}>Add agent</button>)}
      <table class="admin-table agent-table">
        <thead><tr><th>Agent</th><th>Role</th><th>Capacity</th><th>Status</th><th /></tr></thead>
        <tbody>
          {agents?.map((a) => <AgentRow key={a.id} admin={admin} agent={a}
            onChange={(u) => setAgents((all) => (all ?? []).map((x) => (x.id === u.id ? u : x)))} />)}
        </tbody>
      </table>
    </section>
  );
}
