import type { Durations, Report, ReportRow } from './api';

/** What a group is called on a chart: its name, or what a blank group stands for. */
export function groupLabel(row: ReportRow, groupBy: string): string {
  if (row.name) return row.name;
  switch (groupBy.toUpperCase()) {
    case 'NONE': return 'All conversations';
    case 'TEAM': return row.group ? row.group : 'No team';
    case 'AGENT': return row.group ? row.group : 'No agent';
    default: return row.group || 'Unknown';
  }
}

/** Every date from `from` to `to` (inclusive, `YYYY-MM-DD`), so that days without conversations show as 0. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const d = new Date(from + 'T00:00:00Z');
  const end = new Date(to + 'T00:00:00Z');
  for (let i = 0; d <= end && i < 400; i++) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

/** The volume chart's data: every day of the range, one series per group, 0 on days without any. */
export function volumeSeries(report: Report): { days: string[]; series: { label: string; values: number[] }[] } {
  const days = daysOf(report.from, report.to);
  const index = new Map(days.map((d, i) => [d, i]));
  const series = report.rows.map((row) => {
    const values = new Array<number>(days.length).fill(0);
    for (const v of row.volume) {
      const i = index.get(v.date);
      if (i !== undefined) values[i] = v.conversations;
    }
    return { label: groupLabel(row, report.groupBy), values };
  });
  return { days, series };
}

export type DurationMetric = 'firstResponse' | 'queueWait' | 'resolution';

export const METRICS: readonly { key: DurationMetric; label: string }[] = [
  { key: 'firstResponse', label: 'First response' },
  { key: 'queueWait', label: 'Queue wait' },
  { key: 'resolution', label: 'Resolution' },
];

/** One duration metric per group, for a bar chart: x is the group's position; null where no conversation had it. */
export function durationSeries(report: Report, metric: DurationMetric): { labels: string[]; p50: (number | null)[]; p90: (number | null)[] } {
  const at = (d: Durations, p: 'p50' | 'p90') => (d.count > 0 && typeof d[p] === 'number' ? d[p]! : null);
  return {
    labels: report.rows.map((r) => groupLabel(r, report.groupBy)),
    p50: report.rows.map((r) => at(r[metric], 'p50')),
    p90: report.rows.map((r) => at(r[metric], 'p90')),
  };
}

/** The CSAT average per group (1 to 5); null where nobody rated. */
export function csatSeries(report: Report): { labels: string[]; average: (number | null)[] } {
  return {
    labels: report.rows.map((r) => groupLabel(r, report.groupBy)),
    average: report.rows.map((r) => (r.csat.count > 0 && typeof r.csat.average === 'number' ? r.csat.average : null)),
  };
}

/** 42 s, 3 min 5 s, 2 h 10 min: a duration as a person reads it. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
  const m = Math.round(s / 60);
  return Math.floor(m / 60) + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
}
