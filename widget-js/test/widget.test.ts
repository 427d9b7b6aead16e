import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../src/protocol';
import type { ParleyCommands, ParleyMessage } from '../src/types';
import { createWidget, type Widget } from '../src/widget';
import { CONVERSATION, type FakeSocket, SITE, message, settle, socketFactory } from './fakes';

let widget: Widget | undefined;
let sockets: FakeSocket[];
let requests: Record<string, unknown>[];

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<main><button id="host-button">host</button></main>';
  requests = [];
});
afterEach(() => {
  widget?.handlers.shutdown();
  widget = undefined;
});

/** A widget on a fake Parley; `session` shapes the session answer. */
async function start(session: Partial<SessionResponse> = {}, before?: (w: Widget) => void): Promise<ShadowRoot> {
  const factory = socketFactory();
  sockets = factory.sockets;
  widget = createWidget({ siteKey: 'site-1', base: 'http://parley.test/', client: {
    channel: null, locks: null, socket: factory.open, random: () => 0,
    fetch: async (url, init) => {
      if (init?.body) requests.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      const body = url.includes('/sessions')
        ? { token: 'tok', visitor: { id: 'v' }, site: SITE, ...session }
        : { messages: [], hasMore: false };
      return new Response(JSON.stringify(body), { status: 200 });
    },
  } });
  before?.(widget);
  await settle();
  const socket = sockets[0]!;
  socket.accept();
  socket.receive({ type: 'welcome', visitorId: 'v', conversation: session.conversation });
  await settle();
  const host = document.querySelector('parley-widget');
  if (!host?.shadowRoot) throw new Error('the widget did not render');
  return host.shadowRoot;
}

const run = <C extends keyof ParleyCommands>(command: C, ...args: ParleyCommands[C]) =>
  (widget!.handlers[command] as (...a: ParleyCommands[C]) => void)(...args);

const $ = <T extends Element = HTMLElement>(root: ShadowRoot, selector: string): T => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

describe('the widget on a page', () => {
  it("tells Parley the browser's time zone in the session request, for the agent's visitor panel", async () => {
    await start({ conversation: CONVERSATION });
    const session = requests.find((r) => r.siteKey === 'site-1');
    expect(session?.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(typeof session?.timeZone).toBe('string');
  });

  it('adds one host element whose styles are adopted sheets, not style elements', async () => {
    const root = await start({ conversation: CONVERSATION });
    expect(document.body.children).toHaveLength(2);
    expect(document.body.lastElementChild?.tagName).toBe('PARLEY-WIDGET');
    expect(root.adoptedStyleSheets.length).toBe(2);
    expect(root.querySelector('style, [style]:not(textarea)')).toBeNull();
    expect(document.querySelector('style')).toBeNull();
  });

  it('opens on the launcher, focuses the composer, and hands focus back on Escape', async () => {
    const root = await start({ conversation: CONVERSATION });
    const launcher = $<HTMLButtonElement>(root, '.launcher');
    const events: string[] = [];
    run('on', 'open', () => events.push('open'));
    run('on', 'close', () => events.push('close'));

    launcher.click();
    await settle();
    expect($(root, '.panel').hidden).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe($(root, '.composer textarea'));

    root.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($(root, '.panel').hidden).toBe(true);
    expect(root.activeElement).toBe(launcher);
    expect(events).toEqual(['open', 'close']);
  });

  it('renders agent text as text, counts it unread and tells the page', async () => {
    const root = await start({ conversation: CONVERSATION });
    const unread: number[] = [];
    const bodies: string[] = [];
    run('on', 'unread', (n: number) => unread.push(n));
    run('on', 'message', (m: ParleyMessage) => bodies.push(m.body));

    sockets[0]!.receive(message(1, { body: '<img src=x onerror=window.__pwned=1>' }));
    await settle();

    const bubble = $(root, '.msg:not(.mine):not(.greeting) .bubble');
    expect(bubble.textContent).toBe('<img src=x onerror=window.__pwned=1>');
    expect(root.querySelector('img')).toBeNull();
    expect($(root, '.badge').textContent).toBe('1');
    expect($(root, '.launcher').getAttribute('aria-label')).toBe('Open chat, 1 unread');
    expect(unread).toEqual([1]);
    expect(bodies).toEqual(['<img src=x onerror=window.__pwned=1>']);

    run('open');
    await settle();
    expect(sockets[0]!.sent[sockets[0]!.sent.length - 1]).toEqual({ type: 'read', upToSeq: 1 });
    expect(unread).toEqual([1, 0]);
  });

  it('offers no transcript by email when the server cannot send mail', async () => {
    const root = await start({ conversation: CONVERSATION });
    sockets[0]!.receive(message(1));
    sockets[0]!.receive({ type: 'closed', conversationId: 'c1' });
    await settle();
    expect(root.querySelector('.slot form')).not.toBeNull();
    expect(root.querySelector('#tr-email')).toBeNull();
  });

  it('offers the transcript by email after a conversation closed, and shows how it went', async () => {
    const root = await start({ conversation: CONVERSATION, features: { transcriptEmail: true } });
    run('open');
    sockets[0]!.receive(message(1));
    sockets[0]!.receive({ type: 'closed', conversationId: 'c1' });
    await settle();
    const email = $<HTMLInputElement>(root, '#tr-email');
    expect(email.type).toBe('email');
    expect($(root, 'label[for="tr-email"]').textContent).toBe('Email me this conversation');

    email.value = ' ann@example.com ';
    $<HTMLFormElement>(root, '#tr-email').form!.requestSubmit();
    await settle();
    expect(sockets[0]!.sent.filter((f) => f.type === 'transcript')).toEqual([{ type: 'transcript', email: 'ann@example.com' }]);
    expect($<HTMLButtonElement>(root, '#tr-email ~ button').disabled).toBe(true);

    sockets[0]!.receive({ type: 'error', code: 'rate_limited', message: 'later', ref: 'transcript', retryable: true });
    await settle();
    expect($(root, '[role="alert"]').textContent).toBe('Not sent');
    expect(sockets[0]!.sent.filter((f) => f.type === 'transcript')).toHaveLength(1);

    $<HTMLFormElement>(root, '#tr-email').form!.requestSubmit();
    sockets[0]!.receive({ type: 'transcriptSent', conversationId: 'c1' });
    await settle();
    expect(root.querySelector('#tr-email')).toBeNull();
    expect(root.textContent).toContain('We have emailed you this conversation.');
  });

  it('thanks for a rating once the server stored it, and keeps the form while it has not', async () => {
    const root = await start({ conversation: CONVERSATION });
    run('open');
    sockets[0]!.receive(message(1));
    sockets[0]!.receive({ type: 'closed', conversationId: 'c1' });
    await settle();
    $<HTMLButtonElement>(root, '.stars button:nth-child(4)').click();
    $<HTMLFormElement>(root, '#csat-comment').form!.requestSubmit();
    await settle();
    expect(sockets[0]!.sent.filter((f) => f.type === 'rate')).toEqual([{ type: 'rate', rating: 4 }]);
    sockets[0]!.receive({ type: 'error', code: 'retry_later', message: 'Not now', retryable: true });
    await settle();
    expect(root.querySelector('#csat-comment')).not.toBeNull();

    $<HTMLFormElement>(root, '#csat-comment').form!.requestSubmit();
    sockets[0]!.receive({ type: 'rated', conversationId: 'c1', rating: 4 });
    await settle();
    expect(root.querySelector('#csat-comment')).toBeNull();
    expect(root.textContent).toContain('Thanks for your feedback!');
  });

  it('sends on Enter, adds a line on Shift+Enter, and shows sending then sent', async () => {
    const root = await start({ conversation: CONVERSATION });
    run('open');
    await settle();
    const input = $<HTMLTextAreaElement>(root, '.composer textarea');
    input.value = 'line one';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(sockets[0]!.types()).not.toContain('send');
    input.value = 'line one\nline two';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();

    const sent = sockets[0]!.sent.find((f) => f.type === 'send')!;
    expect(sent.body).toBe('line one\nline two');
    expect(input.value).toBe('');
    expect($(root, '.mine .meta').textContent).toContain('Sending');

    sockets[0]!.receive({ type: 'ack', conversationId: 'c1', clientMsgId: sent.clientMsgId, seq: 1, createdAt: '2026-11-22T06:00:00Z' });
    await settle();
    expect($(root, '.mine .meta').textContent).toContain('Sent');
    sockets[0]!.receive({ type: 'read', conversationId: 'c1', by: 'agent', upToSeq: 1 });
    await settle();
    expect($(root, '.mine .meta').textContent).toContain('Read');
  });

  it('asks the pre-chat questions first and sends the declared answers and attributes with start', async () => {
    const fields = [{ name: 'email', label: 'Email', type: 'email' as const, required: true }];
    const root = await start({ site: { ...SITE, prechatFields: fields } }, (w) => {
      (w.handlers.set as (a: Record<string, string>) => void)({ plan: 'pro' });
    });
    run('open');
    await settle();
    const email = $<HTMLInputElement>(root, '#pf-email');
    expect(root.activeElement).toBe(email);
    expect(email.maxLength).toBe(320);
    email.value = 'ann@example.com';
    $<HTMLTextAreaElement>(root, '#pf-message').value = 'Is it in stock?';
    $<HTMLFormElement>(root, 'form.form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    const frame = sockets[0]!.sent.find((f) => f.type === 'start');
    expect(frame).toMatchObject({ type: 'start', prechat: { email: 'ann@example.com' }, body: 'Is it in stock?' });
    expect(root.querySelector('form.form')).toBeNull();
  });

  it('sends what identify told as the pre-chat answers it skipped, so a required email is not refused', async () => {
    const fields = [{ name: 'email', label: 'Email', type: 'email' as const, required: true }];
    const root = await start({ site: { ...SITE, prechatFields: fields } }, (w) => {
      (w.handlers.identify as (i: object) => void)({ id: 'user-42', email: 'ann@example.com', hash: 'ab' });
    });
    run('open');
    await settle();
    expect(root.querySelector('form.form')).toBeNull();
    const input = $<HTMLTextAreaElement>(root, '.composer textarea');
    input.value = 'Is it in stock?';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();

    expect(sockets[0]!.sent.find((f) => f.type === 'start')).toMatchObject({ prechat: { email: 'ann@example.com' }, body: 'Is it in stock?' });
  });

  it('shows the offline form when nobody is available, and sends it with start', async () => {
    const root = await start({ availability: { online: false, reason: 'closed_hours' } });
    run('open');
    await settle();
    expect($(root, '.status').textContent).toBe('Offline');
    $<HTMLInputElement>(root, '#pf-name').value = 'Ann';
    $<HTMLInputElement>(root, '#pf-email').value = 'ann@example.com';
    $<HTMLTextAreaElement>(root, '#pf-message').value = 'Call me back';
    $<HTMLFormElement>(root, 'form.form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(sockets[0]!.sent.find((f) => f.type === 'start')).toMatchObject({
      prechat: { name: 'Ann', email: 'ann@example.com' }, body: 'Call me back' });
    expect($(root, '.notice').textContent).toBe("Thanks! We'll reply by email.");
  });

  it('passes an identify made before the session into the session request', async () => {
    await start({}, (w) => (w.handlers.identify as (i: object) => void)({ id: 'user-42', name: 'Ann', hash: 'ab' }));
    expect(requests[0]).toMatchObject({ siteKey: 'site-1', identity: { id: 'user-42', name: 'Ann', hash: 'ab' } });
  });

  it('switches language on the locale command', async () => {
    const root = await start({ conversation: CONVERSATION });
    expect($(root, '.launcher').getAttribute('aria-label')).toBe('Open chat');
    run('locale', 'de');
    await settle();
    const rebuilt = document.querySelector('parley-widget')!.shadowRoot!;
    expect(rebuilt.querySelector('.launcher')!.getAttribute('aria-label')).toBe('Chat öffnen');
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
  });

  it('says when the server refused the visitor for good, and when it is reconnecting', async () => {
    const root = await start({ conversation: CONVERSATION });
    sockets[0]!.drop(1006);
    await settle();
    expect($(root, '.notice').textContent).toBe('Reconnecting…');
    await new Promise((resolve) => setTimeout(resolve, 600));
    sockets[1]!.accept();
    sockets[1]!.receive({ type: 'error', code: 'banned' });
    sockets[1]!.drop(1008);
    await settle();
    expect($(root, '.notice').textContent).toBe('Chat is unavailable right now.');
  });

  it('shutdown removes everything and forgets the visitor', async () => {
    await start({ conversation: CONVERSATION });
    expect(localStorage.getItem('parley:site-1')).toContain('tok');
    run('shutdown');
    expect(document.querySelector('parley-widget')).toBeNull();
    expect(localStorage.getItem('parley:site-1')).toBeNull();
    expect(sockets[0]!.closedWith).toBe(1000);
  });
});
