import type { AdminClient } from '../admin/client';

export type GroupBy = 'none' | 'site' | 'team' | 'agent';

/** A duration metric over the conversations that have it; seconds; p50/p90 absent when `count` is 0. */
export interface Durations {
  count: number;
  p50?: number | null;
  p90?: number | null;
}

export interface ReportRow {
  /** The site, team or agent id; `""` for conversations without one (and for `groupBy=none`). */
  group: string;
  name?: string | null;
  conversations: number;
  volume: { date: string; conversations: number }[];
  firstResponse: Durations;
  queueWait: Durations;
  resolution: Durations;
  csat: { count: number; average?: number | null };
}

export interface Report {
  from: string;
  to: string;
  zone: string;
  groupBy: string;
  rows: ReportRow[];
}

/** The page's filters; blank ids mean "any". Dates are `YYYY-MM-DD` in `zone`, both inclusive. */
export interface ReportFilters {
  from: string;
  to: string;
  zone: string;
  groupBy: GroupBy;
  siteId: string;
  teamId: string;
  agentId: string;
}

/** The report's query string (without `format`): only the filters that are set. */
export function reportQuery(f: ReportFilters): string {
  const q = new URLSearchParams({ from: f.from, to: f.to, zone: f.zone, groupBy: f.groupBy });
  if (f.siteId) q.set('siteId', f.siteId);
  if (f.teamId) q.set('teamId', f.teamId);
  if (f.agentId) q.set('agentId', f.agentId);
  return q.toString();
}

const BASE = '/api/v1/admin/reports';

export const loadReport = (admin: AdminClient, f: ReportFilters): Promise<Report> => admin.get(BASE + '?' + reportQuery(f));

/** The same report as a CSV download. */
export const openReportCsv = (admin: AdminClient, f: ReportFilters, signal?: AbortSignal): Promise<Response> =>
  admin.open(BASE + '?' + reportQuery(f) + '&format=csv', signal);
