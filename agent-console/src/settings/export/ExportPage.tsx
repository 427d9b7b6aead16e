import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf } from '../admin/forms';
import { listAgents, type AdminAgent } from '../agents/api';
import { listSites, type Site } from '../sites/api';
import { listTeams, type AdminTeam } from '../teams/api';
import { NO_FILTERS, STATUSES, type ExportFilters, type ExportFormat } from './api';
import { saveBlob, size } from './download';
import { ExportRun, type ExportState } from './run';

/**
 * Bulk export of messages: filters, then a download that streams with its progress (bytes and
 * rows read) shown live and a Cancel that aborts it; the finished file is saved by the browser.
 */
export function ExportPage({ admin }: { admin: AdminClient }) {
  const [filters, setFilters] = useState<ExportFilters>(NO_FILTERS);
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const [sites, setSites] = useState<Site[]>([]);
  const [teams, setTeams] = useState<AdminTeam[]>([]);
  const [agents, setAgents] = useState<AdminAgent[]>([]);
  const run = useMemo(() => new ExportRun(admin, setState, saveBlob), [admin]);
  useEffect(() => {
    void listSites(admin).then(setSites, () => undefined);
    void listTeams(admin).then(setTeams, () => undefined);
    void listAgents(admin).then(setAgents, () => undefined);
    return () => run.cancel();
  }, [admin, run]);

  const set = (patch: Partial<ExportFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const problem = state.kind === 'failed' ? problemOf(state.error) : NO_PROBLEM;
  const running = state.kind === 'running';
  const progress = state.kind === 'idle' ? null : state.progress;

  return (
    <section class="admin-page export">
      <h1>Export messages</h1>
      <p class="muted">Every message of the conversations started in the chosen days (UTC), internal notes and system events included.</p>
      <form class="admin-form export-form" onSubmit={(e) => {
        e.preventDefault();
        void run.start(filters);
      }}>
        <fieldset disabled={running}>
          <div class="field-row">
            <Field label="From" field="from" problem={problem}>
              <input type="date" name="from" value={filters.from} onInput={(e) => set({ from: e.currentTarget.value })} />
            </Field>
            <Field label="To (inclusive)" field="to" problem={problem}>
              <input type="date" name="to" value={filters.to} onInput={(e) => set({ to: e.currentTarget.value })} />
            </Field>
          </div>
          <div class="field-row">
            <Field label="Site" field="siteId" problem={problem}>
              <select name="siteId" value={filters.siteId} onChange={(e) => set({ siteId: e.currentTarget.value })}>
                <option value="">All sites</option>
                {sites.map((s) => <option value={s.id}>{s.name}</option>)}
              </select>
            </Field>
            <Field label="Team" field="teamId" problem={problem}>
              <select name="teamId" value={filters.teamId} onChange={(e) => set({ teamId: e.currentTarget.value })}>
                <option value="">All teams</option>
                {teams.map((t) => <option value={t.id}>{t.name}</option>)}
              </select>
            </Field>
            <Field label="Agent" field="agentId" problem={problem}>
              <select name="agentId" value={filters.agentId} onChange={(e) => set({ agentId: e.currentTarget.value })}>
                <option value="">All agents</option>
                {agents.map((a) => <option value={a.id}>{a.displayName}</option>)}
              </select>
            </Field>
            <Field label="Status" field="status" problem={problem}>
              <select name="status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value })}>
                <option value="">Any status</option>
                {STATUSES.map((s) => <option value={s}>{s.charAt(0).toUpperCase() + s.slice(1)}</option>)}
              </select>
            </Field>
          </div>
          <Field label="Format" field="format" problem={problem}>
            <select name="format" value={filters.format} onChange={(e) => set({ format: e.currentTarget.value as ExportFormat })}>
              <option value="ndjson">NDJSON (one JSON object per line)</option>
              <option value="csv">CSV (spreadsheets)</option>
            </select>
          </Field>
        </fieldset>
        <div class="form-actions">
          <button type="submit" disabled={running}>Export</button>
          {running && <button type="button" class="danger" onClick={() => run.cancel()}>Cancel</button>}
        </div>
      </form>
      <ProblemBanner problem={problem} />
      {progress && (
        <p class="export-progress" role="status" aria-live="polite" data-state={state.kind}
          data-bytes={progress.bytes} data-rows={progress.rows}>
          {state.kind === 'running' && <progress aria-label="Export in progress" />}
          {state.kind === 'running' && 'Exporting… '}
          {state.kind === 'done' && 'Saved ' + state.fileName + ': '}
          {state.kind === 'cancelled' && 'Cancelled after '}
          {state.kind === 'failed' && 'Stopped after '}
          {progress.rows.toLocaleString()} {progress.rows === 1 ? 'row' : 'rows'}, {size(progress.bytes)}
        </p>
      )}
    </section>
  );
}
