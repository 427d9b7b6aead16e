import type { AdminClient } from '../admin/client';

export const STATUSES = ['queued', 'assigned', 'pending', 'closed'] as const;
export type ExportFormat = 'ndjson' | 'csv';

/** The bulk export's filters as the page holds them; blank means "any". */
export interface ExportFilters {
  /** First day, `YYYY-MM-DD` (UTC). */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD` (UTC). */
  to: string;
  siteId: string;
  teamId: string;
  agentId: string;
  status: string;
  format: ExportFormat;
}

export const NO_FILTERS: ExportFilters = { from: '', to: '', siteId: '', teamId: '', agentId: '', status: '', format: 'ndjson' };

/** The day after `YYYY-MM-DD`: the API's `to` is exclusive, the page's last day inclusive. */
export function dayAfter(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return date; // sent as typed, so that the server names the field
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The export's address: only the filters that are set. */
export function exportPath(f: ExportFilters): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', dayAfter(f.to));
  if (f.siteId) q.set('siteId', f.siteId);
  if (f.teamId) q.set('teamId', f.teamId);
  if (f.agentId) q.set('agentId', f.agentId);
  if (f.status) q.set('status', f.status);
  q.set('format', f.format);
  return '/api/v1/admin/exports/messages?' + q.toString();
}

/** Starts the export; resolves once the server has answered its headers (the body streams after). */
export const openExport = (admin: AdminClient, filters: ExportFilters, signal: AbortSignal): Promise<Response> =>
  admin.open(exportPath(filters), signal);
