/** How far a download has come: bytes received and whole rows (lines, or CSV records) among them. */
export interface Progress {
  bytes: number;
  rows: number;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Counts the rows of a download as its bytes arrive, whatever the chunk boundaries. NDJSON: one
 * row per line (JSON escapes line breaks inside strings). CSV: one row per record after the header
 * line; a line break inside a quoted cell is part of its cell, not a new record (RFC 4180: a quote
 * inside a cell is doubled, which toggles the state twice and so leaves it unchanged).
 */
export class RowCounter {
  private lines = 0;
  private quoted = false;
  private pending = false;

  constructor(private readonly csv: boolean) {}

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.csv && b === QUOTE) this.quoted = !this.quoted;
      if (b === NEWLINE && !this.quoted) {
        this.lines++;
        this.pending = false;
      } else {
        this.pending = true;
      }
    }
  }

  /** Rows so far; a last line without its line break counts once the download has ended (`done`). */
  rows(done = false): number {
    const lines = this.lines + (done && this.pending ? 1 : 0);
    return this.csv ? Math.max(0, lines - 1) : lines;
  }
}

/** How often, at most, progress is reported: often enough to look live, seldom enough not to re-render per chunk. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Reads a streamed body to its end, reporting progress as it goes (at most every
 * {@link PROGRESS_INTERVAL_MS}, and once at the end), and answers its chunks as a Blob.
 * Aborting the request's signal makes the read reject with the `AbortError`; the stream is then
 * cancelled so the server stops too.
 */
export async function readBody(body: ReadableStream<Uint8Array>, csv: boolean, type: string,
  onProgress: (progress: Progress) => void, now: () => number = Date.now): Promise<{ blob: Blob; progress: Progress }> {
  const reader = body.getReader();
  const counter = new RowCounter(csv);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let reported = now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      counter.feed(value);
      if (now() - reported >= PROGRESS_INTERVAL_MS) {
        reported = now();
        onProgress({ bytes, rows: counter.rows() });
      }
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  const progress = { bytes, rows: counter.rows(true) };
  onProgress(progress);
  return { blob: new Blob(chunks as BlobPart[], { type }), progress };
}

/** The file name a `Content-Disposition` header gives, or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition && /filename="?([^";]+)"?/i.exec(disposition);
  const name = match ? match[1]!.trim() : '';
  // Only a plain name: the server's are `messages-<date>.<ext>`, and nothing else is saved.
  return /^[\w.-]+$/.test(name) ? name : fallback;
}

/** Saves a Blob as a file the browser downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 1.2 MB, 340 kB, 12 B. */
export function size(bytes: number): string {
  if (bytes < 1000) return bytes + ' B';
  if (bytes < 1_000_000) return (bytes / 1000).toFixed(1) + ' kB';
  if (bytes < 1_000_000_000) return (bytes / 1_000_000).toFixed(1) + ' MB';
  return (bytes / 1_000_000_000).toFixed(2) + ' GB';
}
