import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf } from '../admin/forms';
import { ScopeFilters, useScopeChoices } from '../admin/ScopeFilters';
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
  const choices = useScopeChoices(admin);
  const run = useMemo(() => new ExportRun(admin, setState, saveBlob), [admin]);
  useEffect(() => () => run.cancel(), [run]);

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
          <ScopeFilters value={filters} onChange={set} problem={problem} choices={choices} afterScope={
            <Field label="Status" field="status" problem={problem}>
              <select name="status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value })}>
                <option value="">Any status</option>
                {STATUSES.map((s) => <option value={s}>{s.charAt(0).toUpperCase() + s.slice(1)}</option>)}
              </select>
            </Field>
          } />
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
