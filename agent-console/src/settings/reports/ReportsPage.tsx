import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminClient } from '../admin/client';
import { Field, NO_PROBLEM, ProblemBanner, problemOf, type Problem } from '../admin/forms';
import { ScopeFilters, useScopeChoices } from '../admin/ScopeFilters';
import { fileNameOf, saveBlob } from '../export/download';
import { loadReport, openReportCsv, type GroupBy, type Report, type ReportFilters } from './api';
import { ReportCharts } from './ReportCharts';

/** `YYYY-MM-DD` of an instant in a zone. */
function dateIn(zone: string, at: number): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

function zones(current: string): string[] {
  const known = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...known.filter((z) => z !== 'UTC'), ...(known.includes(current) || current === 'UTC' ? [] : [current])];
}

/** The last 30 days, in the admin's own zone. */
function initialFilters(now = Date.now()): ReportFilters {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { from: dateIn(zone, now - 29 * 86_400_000), to: dateIn(zone, now), zone, groupBy: 'none', siteId: '', teamId: '', agentId: '' };
}

/**
 * Reports: conversation volume per day, first-response, queue-wait and resolution times (p50 and
 * p90) and the CSAT average, over a date range in a time zone, for all conversations or per
 * site, team or agent; drawn as charts with their numbers in a table, and downloadable as CSV.
 */
export function ReportsPage({ admin }: { admin: AdminClient }) {
  const [filters, setFilters] = useState<ReportFilters>(() => initialFilters());
  const [report, setReport] = useState<Report | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem>(NO_PROBLEM);
  const choices = useScopeChoices(admin);
  const zoneChoices = useMemo(() => zones(filters.zone), [filters.zone]);

  const show = async (f: ReportFilters) => {
    setLoading(true);
    try {
      setReport(await loadReport(admin, f));
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setLoading(false);
    }
  };
  const download = async () => {
    try {
      const response = await openReportCsv(admin, filters);
      saveBlob(await response.blob(), fileNameOf(response.headers.get('Content-Disposition'), 'parley-report.csv'));
      setProblem(NO_PROBLEM);
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  useEffect(() => {
    void show(filters);
  }, [admin]);

  const set = (patch: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <section class="admin-page reports">
      <h1>Reports</h1>
      <form class="admin-form report-form" onSubmit={(e) => {
        e.preventDefault();
        void show(filters);
      }}>
        <ScopeFilters value={filters} onChange={set} problem={problem} choices={choices} datesRequired afterDates={
          <Field label="Time zone" field="zone" problem={problem}>
            <select name="zone" value={filters.zone} onChange={(e) => set({ zone: e.currentTarget.value })}>
              {zoneChoices.map((z) => <option value={z}>{z.replace(/_/g, ' ')}</option>)}
            </select>
          </Field>
        } afterScope={
          <Field label="Compare" field="groupBy" problem={problem}>
            <select name="groupBy" value={filters.groupBy} onChange={(e) => set({ groupBy: e.currentTarget.value as GroupBy })}>
              <option value="none">All together</option>
              <option value="site">By site</option>
              <option value="team">By team</option>
              <option value="agent">By agent</option>
            </select>
          </Field>
        } />
        <div class="form-actions">
          <button type="submit" disabled={loading}>Show</button>
          <button type="button" onClick={() => void download()}>Download CSV</button>
          {loading && <span class="muted">Loading…</span>}
        </div>
      </form>
      <ProblemBanner problem={problem} />
      {report && <ReportCharts report={report} />}
    </section>
  );
}
