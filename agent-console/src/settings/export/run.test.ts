import { describe, expect, it } from 'vitest';
import { RestApi, RestError } from '../../auth/api';
import { AdminClient } from '../admin/client';
import { exportPath, NO_FILTERS } from './api';
import { fileNameOf, RowCounter, size } from './download';
import { ExportRun, type ExportState } from './run';

const bytes = (text: string) => new TextEncoder().encode(text);
const tokens = { current: () => ({ token: 't', expiresAt: Date.now() + 900_000 }), refresh: async () => null };

/** A server whose export body the test feeds chunk by chunk; aborting the request errors the body, as fetch does. */
function streamingServer() {
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  let signal: AbortSignal | undefined;
  let url = '';
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (feed = c),
    cancel: () => void (cancelled = true),
  });
  const api = new RestApi(async (input, init) => {
    url = String(input);
    signal = init?.signal ?? undefined;
    signal?.addEventListener('abort', () => feed.error(new DOMException('The operation was aborted.', 'AbortError')));
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson', 'Content-Disposition': 'attachment; filename="messages-2026-11-22.ndjson"' } });
  });
  return { admin: new AdminClient(api, tokens), feed: () => feed, cancelled: () => cancelled, signal: () => signal, url: () => url };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RowCounter', () => {
  it('counts NDJSON lines across chunk boundaries, the last unterminated one once the download ends', () => {
    const c = new RowCounter(false);
    c.feed(bytes('{"a":1}\n{"b":'));
    expect(c.rows()).toBe(1);
    c.feed(bytes('"x\\ny"}\n{"c":3}'));
    expect(c.rows()).toBe(2);
    expect(c.rows(true)).toBe(3);
  });

  it('counts CSV records after the header; line breaks and doubled quotes inside quoted cells are not records', () => {
    const c = new RowCounter(true);
    c.feed(bytes('seq,body\r\n1,"line one\r\nline '));
    expect(c.rows()).toBe(0);
    c.feed(bytes('two ""quoted"""\r\n2,"plain"\r\n'));
    expect(c.rows()).toBe(2);
    expect(c.rows(true)).toBe(2);
  });
});

describe('export address and helpers', () => {
  it('sends only the filters that are set, the last day inclusive', () => {
    expect(exportPath({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-30', status: 'closed', format: 'csv' }))
      .toBe('/api/v1/admin/exports/messages?from=2026-11-01&to=2026-12-01&status=closed&format=csv');
    expect(exportPath(NO_FILTERS)).toBe('/api/v1/admin/exports/messages?format=ndjson');
  });

  it('takes a plain file name from Content-Disposition only', () => {
    expect(fileNameOf('attachment; filename="messages-2026-11-22.csv"', 'x')).toBe('messages-2026-11-22.csv');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'messages.csv')).toBe('messages.csv');
    expect(fileNameOf(null, 'messages.csv')).toBe('messages.csv');
    expect(size(1_234_567)).toBe('1.2 MB');
  });
});

describe('ExportRun', () => {
  it('reports bytes and rows while the body streams, then saves the file under the server\'s name', async () => {
    const server = streamingServer();
    const states: ExportState[] = [];
    const saved: { blob: Blob; name: string }[] = [];
    let clock = 0;
    const run = new ExportRun(server.admin, (s) => states.push(s), (blob, name) => saved.push({ blob, name }), () => clock);
    const done = run.start({ ...NO_FILTERS, from: '2026-11-01', siteId: 'S1' });
    await tick();
    expect(server.url()).toBe('/api/v1/admin/exports/messages?from=2026-11-01&siteId=S1&format=ndjson');
    clock += 500;
    server.feed().enqueue(bytes('{"seq":1}\n{"seq":2}\n'));
    await tick();
    expect(states.at(-1)).toEqual({ kind: 'running', progress: { bytes: 20, rows: 2 } });
    clock += 500;
    server.feed().enqueue(bytes('{"seq":3}\n'));
    server.feed().close();
    await done;
    expect(states.at(-1)).toEqual({ kind: 'done', progress: { bytes: 30, rows: 3 }, fileName: 'messages-2026-11-22.ndjson' });
    expect(saved).toHaveLength(1);
    expect(await saved[0]!.blob.text()).toBe('{"seq":1}\n{"seq":2}\n{"seq":3}\n');
    expect(run.running).toBe(false);
  });

  it('cancel aborts the request mid-stream, keeps the progress so far and saves nothing', async () => {
    const server = streamingServer();
    const states: ExportState[] = [];
    let saves = 0;
    let clock = 0;
    const run = new ExportRun(server.admin, (s) => states.push(s), () => saves++, () => clock);
    const done = run.start(NO_FILTERS);
    await tick();
    clock += 500;
    server.feed().enqueue(bytes('{"seq":1}\n'));
    await tick();
    expect(run.running).toBe(true);
    run.cancel();
    await done;
    expect(server.signal()?.aborted).toBe(true);
    expect(states.at(-1)).toEqual({ kind: 'cancelled', progress: { bytes: 10, rows: 1 } });
    expect(saves).toBe(0);
    expect(run.running).toBe(false);
  });

  it('a refused export fails with the problem, naming its field', async () => {
    const api = new RestApi(async () => new Response(JSON.stringify({ status: 400, code: 'invalid_field', field: 'to', detail: 'to must be after from' }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    const states: ExportState[] = [];
    await new ExportRun(new AdminClient(api, tokens), (s) => states.push(s), () => undefined).start({ ...NO_FILTERS, from: '2026-11-02', to: '2026-11-01' });
    const last = states.at(-1)!;
    expect(last.kind).toBe('failed');
    const error = (last as { error: RestError }).error;
    expect(error).toBeInstanceOf(RestError);
    expect(error.fields).toEqual({ to: 'to must be after from' });
  });
});
