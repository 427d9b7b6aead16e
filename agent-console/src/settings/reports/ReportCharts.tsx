import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { Report } from './api';
import { bars, categoryX, Chart, PALETTE } from './Chart';
import { csatSeries, duration, durationSeries, groupLabel, METRICS, volumeSeries, type DurationMetric } from './series';

const P50 = '#2563eb';
const P90 = '#d97706';

function volumeChart(report: Report): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const v = volumeSeries(report);
  // Days as categories labelled with their dates: the server already counted them in the report's
  // zone, so the browser's own zone must not shift them. At most about a dozen labels are shown.
  const every = Math.max(1, Math.ceil(v.days.length / 12));
  const labels = v.days.map((d, i) => (i % every === 0 ? shortDate(d) : ''));
  const x = categoryX(labels);
  return {
    options: {
      scales: { x: x.scale, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [{ label: 'Day', value: (_u, i) => (i == null ? '' : v.days[i] ?? '') },
        ...v.series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: v.days.length <= 62 } }))],
      axes: [{ ...x.axis, splits: () => labels.flatMap((l, i) => (l ? [i] : [])) }, { label: 'Conversations' }],
    },
    data: [v.days.map((_, i) => i), ...v.series.map((s) => s.values)],
  };
}

/** 10 Nov, from `2026-11-10`, whatever the browser's zone. */
function shortDate(date: string): string {
  return new Date(date + 'T00:00:00Z').toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

function durationChart(report: Report, metric: DurationMetric) {
  const d = durationSeries(report, metric);
  const x = categoryX(d.labels);
  return {
    options: {
      scales: { x: x.scale, y: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max * 1.1)] as uPlot.Range.MinMax } },
      series: [{ label: 'Group', value: (_u: uPlot, i: number | null) => (i == null ? '' : d.labels[i] ?? '') },
        { label: 'p50', stroke: P50, fill: P50, paths: bars(-1), points: { show: false }, value: (_u: uPlot, v: number | null) => duration(v) },
        { label: 'p90', stroke: P90, fill: P90, paths: bars(1), points: { show: false }, value: (_u: uPlot, v: number | null) => duration(v) }],
      axes: [x.axis, { values: (_u: uPlot, splits: number[]) => splits.map((s) => duration(s)), size: 90 }],
    } satisfies Omit<uPlot.Options, 'width' | 'height'>,
    data: [d.labels.map((_, i) => i), d.p50, d.p90] as uPlot.AlignedData,
  };
}

function csatChart(report: Report) {
  const c = csatSeries(report);
  const x = categoryX(c.labels);
  return {
    options: {
      scales: { x: x.scale, y: { range: [0, 5] as uPlot.Range.MinMax } },
      series: [{ label: 'Group', value: (_u: uPlot, i: number | null) => (i == null ? '' : c.labels[i] ?? '') },
        { label: 'CSAT average', stroke: '#059669', fill: '#059669', paths: bars(0, 0.5), points: { show: false },
          value: (_u: uPlot, v: number | null) => (v == null ? '–' : v.toFixed(2)) }],
      axes: [x.axis, {}],
    } satisfies Omit<uPlot.Options, 'width' | 'height'>,
    data: [c.labels.map((_, i) => i), c.average] as uPlot.AlignedData,
  };
}

/** The report's charts, each with a heading, and a table of every number they draw. */
export function ReportCharts({ report }: { report: Report }) {
  const volume = useMemo(() => volumeChart(report), [report]);
  const times = useMemo(() => METRICS.map((m) => ({ ...m, chart: durationChart(report, m.key) })), [report]);
  const csat = useMemo(() => csatChart(report), [report]);
  if (report.rows.length === 0) return <p class="muted report-empty">No conversations in these days.</p>;
  return (
    <div class="report" data-from={report.from} data-to={report.to}>
      <h2>Conversations per day</h2>
      <Chart options={volume.options} data={volume.data} label={'Conversations per day from ' + report.from + ' to ' + report.to} />
      <div class="chart-grid">
        {times.map((t) => (
          <div class="report-metric" data-metric={t.key}>
            <h2>{t.label} time</h2>
            <Chart options={t.chart.options} data={t.chart.data} label={t.label + ' time, p50 and p90'} />
          </div>
        ))}
        <div class="report-metric" data-metric="csat">
          <h2>Satisfaction (CSAT, 1–5)</h2>
          <Chart options={csat.options} data={csat.data} label="Average satisfaction rating" />
        </div>
      </div>
      <table class="admin-table report-table">
        <thead>
          <tr><th /><th>Conversations</th><th>First response p50 / p90</th><th>Queue wait p50 / p90</th><th>Resolution p50 / p90</th><th>CSAT</th></tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr data-group={r.group}>
              <th>{groupLabel(r, report.groupBy)}</th>
              <td data-cell="conversations">{r.conversations}</td>
              {METRICS.map((m) => <td data-cell={m.key}>{duration(r[m.key].p50)} / {duration(r[m.key].p90)}</td>)}
              <td data-cell="csat">{r.csat.count > 0 && typeof r.csat.average === 'number' ? r.csat.average.toFixed(2) + ' (' + r.csat.count + ')' : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
