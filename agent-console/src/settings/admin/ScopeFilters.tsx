import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { listAgents, type AdminAgent } from '../agents/api';
import { listSites, type Site } from '../sites/api';
import { listTeams, type AdminTeam } from '../teams/api';
import type { AdminClient } from './client';
import { Field, type Problem } from './forms';

/** The part of a page's filters this form edits: a date range and a site, team and agent; blank ids mean "any". */
export interface Scope {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD`. */
  to: string;
  siteId: string;
  teamId: string;
  agentId: string;
}

/** What the pickers offer. */
export interface ScopeChoices {
  sites: Site[];
  teams: AdminTeam[];
  agents: AdminAgent[];
}

export const NO_CHOICES: ScopeChoices = { sites: [], teams: [], agents: [] };

/**
 * The account's sites, teams and agents for the pickers, loaded once per client. A list that
 * fails to load stays empty: its picker still offers "All", and the page's own request reports
 * the failure.
 */
export function useScopeChoices(admin: AdminClient): ScopeChoices {
  const [choices, setChoices] = useState<ScopeChoices>(NO_CHOICES);
  useEffect(() => {
    let live = true;
    const keep = (patch: Partial<ScopeChoices>) => live && setChoices((c) => ({ ...c, ...patch }));
    void listSites(admin).then((sites) => keep({ sites }), () => undefined);
    void listTeams(admin).then((teams) => keep({ teams }), () => undefined);
    void listAgents(admin).then((agents) => keep({ agents }), () => undefined);
    return () => void (live = false);
  }, [admin]);
  return choices;
}

/**
 * Two rows of fields: the date range (then `afterDates`), and the site, team and agent pickers
 * (then `afterScope`). Each field shows its own refusal from `problem`; every edit goes to
 * `onChange` as a patch of the filters.
 */
export function ScopeFilters({ value, onChange, problem, choices, datesRequired = false, afterDates, afterScope }: {
  value: Scope;
  onChange: (patch: Partial<Scope>) => void;
  problem: Problem;
  choices: ScopeChoices;
  datesRequired?: boolean;
  afterDates?: ComponentChildren;
  afterScope?: ComponentChildren;
}) {
  return (
    <>
      <div class="field-row">
        <Field label="From" field="from" problem={problem}>
          <input type="date" name="from" required={datesRequired} value={value.from}
            onInput={(e) => onChange({ from: e.currentTarget.value })} />
        </Field>
        <Field label="To (inclusive)" field="to" problem={problem}>
          <input type="date" name="to" required={datesRequired} value={value.to}
            onInput={(e) => onChange({ to: e.currentTarget.value })} />
        </Field>
        {afterDates}
      </div>
      <div class="field-row">
        <Field label="Site" field="siteId" problem={problem}>
          <select name="siteId" value={value.siteId} onChange={(e) => onChange({ siteId: e.currentTarget.value })}>
            <option value="">All sites</option>
            {choices.sites.map((s) => <option value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label="Team" field="teamId" problem={problem}>
          <select name="teamId" value={value.teamId} onChange={(e) => onChange({ teamId: e.currentTarget.value })}>
            <option value="">All teams</option>
            {choices.teams.map((t) => <option value={t.id}>{t.name}</option>)}
          </select>
        </Field>
        <Field label="Agent" field="agentId" problem={problem}>
          <select name="agentId" value={value.agentId} onChange={(e) => onChange({ agentId: e.currentTarget.value })}>
            <option value="">All agents</option>
            {choices.agents.map((a) => <option value={a.id}>{a.displayName}</option>)}
          </select>
        </Field>
        {afterScope}
      </div>
    </>
  );
}
