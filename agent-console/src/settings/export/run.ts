import type { AdminClient } from '../admin/client';
import { openExport, type ExportFilters } from './api';
import { fileNameOf, readBody, type Progress } from './download';

/** Where one export stands, as the page shows it. */
export type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: Progress }
  | { kind: 'done'; progress: Progress; fileName: string }
  | { kind: 'cancelled'; progress: Progress }
  | { kind: 'failed'; progress: Progress; error: unknown };

const NONE: Progress = { bytes: 0, rows: 0 };

/**
 * One bulk export at a time: starts it, reports its progress while the body streams in, saves the
 * finished file, and cancels it on request (the request is aborted, so the server stops reading
 * the database). States are reported through `onState`, the last one of a run always after
 * `start`'s promise settles no earlier than it.
 */
export class ExportRun {
  private controller: AbortController | null = null;
  private progress: Progress = NONE;

  constructor(private readonly admin: AdminClient, private readonly onState: (state: ExportState) => void,
    private readonly save: (blob: Blob, name: string) => void, private readonly now: () => number = Date.now) {}

  get running(): boolean {
    return this.controller !== null;
  }

  async start(filters: ExportFilters): Promise<void> {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    this.progress = NONE;
    this.onState({ kind: 'running', progress: NONE });
    const report = (p: Progress) => {
      this.progress = p;
      if (!controller.signal.aborted) this.onState({ kind: 'running', progress: p });
    };
    try {
      const response = await openExport(this.admin, filters, controller.signal);
      if (!response.body) throw new Error('This browser cannot read the export as it streams');
      const csv = filters.format === 'csv';
      const fallback = 'messages.' + (csv ? 'csv' : 'ndjson');
      const { blob, progress } = await readBody(response.body, csv, csv ? 'text/csv' : 'application/x-ndjson', report, this.now);
      if (controller.signal.aborted) throw controller.signal.reason;
      const fileName = fileNameOf(response.headers.get('Content-Disposition'), fallback);
      this.save(blob, fileName);
      this.onState({ kind: 'done', progress, fileName });
    } catch (error) {
      this.onState(controller.signal.aborted ? { kind: 'cancelled', progress: this.progress } : { kind: 'failed', progress: this.progress, error });
    } finally {
      this.controller = null;
    }
  }

  /** Stops the export under way, if any: nothing is saved. */
  cancel(): void {
    this.controller?.abort();
  }
}
