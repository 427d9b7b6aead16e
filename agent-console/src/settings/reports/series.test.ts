import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../export/api';
import type { Report, ReportRow } from './api';
import { reportQuery } from './api';
import { csatSeries, daysOf, duration, durationSeries, volumeSeries } from './series';

const row = (over: Partial<ReportRow>): ReportRow => ({
  group: '', conversations: 0, volume: [],
  firstResponse: { count: 0 }, queueWait: { count: 0 }, resolution: { count: 0 }, csat: { count: 0 }, ...over,
});

describe('report series', () => {
  it('fills every day of the range, 0 where a group had no conversation, one series per group', () => {
    const report: Report = { from: '2026-11-01', to: '2026-11-03', zone: 'Europe/Paris', groupBy: 'SITE', rows: [
      row({ group: 'S1', name: 'Shop', conversations: 5, volume: [{ date: '2026-11-01', conversations: 2 }, { date: '2026-11-03', conversations: 3 }] }),
      row({ group: 'S2', name: 'Blog', conversations: 1, volume: [{ date: '2026-11-02', conversations: 1 }] }),
    ] };
    const v = volumeSeries(report);
    expect(v.days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(v.series).toEqual([{ label: 'Shop', values: [2, 0, 3] }, { label: 'Blog', values: [0, 1, 0] }]);
  });

  it('leaves a percentile out where no conversation had the metric, and names blank groups', () => {
    const report: Report = { from: '2026-11-01', to: '2026-11-01', zone: 'UTC', groupBy: 'AGENT', rows: [
      row({ group: 'A1', name: 'Alice', firstResponse: { count: 3, p50: 40, p90: 90 }, csat: { count: 2, average: 4.5 } }),
      row({ group: '', firstResponse: { count: 0 } }),
    ] };
    expect(durationSeries(report, 'firstResponse')).toEqual({ labels: ['Alice', 'No agent'], p50: [40, null], p90: [90, null] });
    expect(csatSeries(report)).toEqual({ labels: ['Alice', 'No agent'], average: [4.5, null] });
  });

  it('reads durations as a person would, and stops a runaway range', () => {
    expect(duration(42.4)).toBe('42 s');
    expect(duration(185)).toBe('3 min 5 s');
    expect(duration(7800)).toBe('2 h 10 min');
    expect(duration(null)).toBe('–');
    expect(daysOf('2026-01-01', '2030-01-01')).toHaveLength(400);
  });

  it('asks for only the filters that are set', () => {
    expect(reportQuery({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-30', zone: 'Europe/Paris', groupBy: 'team', teamId: 'T1', agentId: '' }))
      .toBe('from=2026-11-01&to=2026-11-30&zone=Europe%2FParis&groupBy=team&teamId=T1');
  });
});
