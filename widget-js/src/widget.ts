import { Attention } from './attention';
import { Client, type ClientOptions } from './client';
import { Emitter } from './events';
import { resolveLocale, translator } from './i18n';
import { viewModel } from './model';
import { trackPages } from './pages';
import type { ParleyCommands, ParleyIdentity } from './types';
import { View } from './ui/view';

type Handlers = { [C in keyof ParleyCommands]: (...args: ParleyCommands[C]) => void };

export interface Widget {
  readonly siteKey: string | null;
  handlers: Handlers;
}

export interface WidgetConfig {
  siteKey: string | null;
  /** Where widget.js came from, ending in '/'. */
  base: string;
  /** Test seams for the network and the tabs; the browser's own objects otherwise. */
  client?: Partial<ClientOptions>;
}

/**
 * The widget: commands from the page, the connection, and the view. The view is built once the
 * session answered with the site's settings; commands before that only change state.
 */
export function createWidget(config: WidgetConfig): Widget {
  const events = new Emitter();
  const known: Record<string, string> = {};
  let attributes: Record<string, string> = {};
  let locale: string | undefined;
  let open = false;
  let identity: ParleyIdentity | undefined;
  /** The identity the server has been given, in the session request or an `identify` frame. */
  let told: ParleyIdentity | undefined;
  let view: View | undefined;
  let client: Client | undefined;
  let attention: Attention | undefined;
  let flags = { prechatDone: false, leftMessage: false, wasOnline: false };
  let lastUnread = 0;
  let scheduled = false;
  const cleanups: (() => void)[] = [];

  const t = () => translator(currentLocale());
  const currentLocale = (): string => resolveLocale([locale, ...(navigator.languages ?? []), navigator.language]);

  const render = (): void => {
    scheduled = false;
    const chat = client?.chat;
    const site = client?.session?.site;
    // Without a body (a script in <head> that loaded early) whenBody renders later.
    if (!chat || !site || !document.body) return;
    if (!view) view = build();
    flags.wasOnline ||= chat.online;
    view.render(viewModel({ chat, site, t: t(), known, ...flags }));
    if (open && !document.hidden) chat.out.markRead();
    const unread = chat.unread();
    if (unread !== lastUnread) events.emit('unread', (lastUnread = unread));
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(render);
  };

  const build = (): View => {
    const session = client!.session!;
    const appearance = session.site.appearance ?? {};
    const built = new View({ t: t(), locale: currentLocale(), color: appearance.primaryColor, position: appearance.position,
      maxLength: session.limits?.maxMessageLength ?? 5000, transcript: session.features?.transcriptEmail }, {
      toggle: (next) => setOpen(next),
      send: (body) => client!.chat.out.write(body),
      draft: (text) => client!.chat.out.typing(text),
      contact: (answers, body) => {
        const chat = client!.chat;
        const offline = chat.offline !== undefined;
        Object.assign(known, answers);
        chat.prechat = { ...prechatFrom(known), ...answers };
        flags = { ...flags, prechatDone: true, leftMessage: offline };
        chat.out.write(body, offline);
      },
      earlier: () => void client!.chat.history.earlier().catch(() => undefined),
      transcript: (email) => {
        client!.chat.out.transcript(email);
        client!.chat.transcript = 'asked';
        schedule();
      },
      // Thanked once the server's `rated` says it is stored: a refused rating keeps its form.
      rate: (rating, comment) => client!.chat.out.rate(rating, comment),
    });
    built.mount(document.body);
    built.setOpen(open);
    return built;
  };

  /** Of what is known (attributes, identify's name and email, answers), the fields the site's form declares: the only ones the protocol lets the widget send. */
  const prechatFrom = (all: Record<string, string>): Record<string, string> => {
    const names = new Set((client?.session?.site.prechatFields ?? []).map((f) => f.name));
    return Object.fromEntries(Object.entries(all).filter(([name]) => names.has(name)));
  };

  const setOpen = (next: boolean): void => {
    if (open === next) return;
    open = next;
    view?.setOpen(next);
    if (next) attention?.calm();
    events.emit(next ? 'open' : 'close');
    schedule();
  };

  const start = (siteKey: string): void => {
    client = new Client({ siteKey, base: config.base, locale: currentLocale, ...config.client });
    const chat = client.chat;
    attention = new Attention(window);
    chat.onChange = schedule;
    chat.onAgentMessage = (entry) => {
      events.emit('message', { seq: entry.seq ?? 0, body: entry.body, authorName: entry.authorName, createdAt: entry.createdAt });
      // Every minimised tab blinks its title; only the one holding the socket plays the tone, once.
      if (!open || document.hidden) attention?.alert(`(${chat.unread() || 1}) ${t()('newMessage')}`, !!client?.leading);
    };
    const onVisible = (): void => {
      if (document.hidden) return;
      if (open) attention?.calm();
      // A follower may have missed frames while the browser froze it; the newest page fills that in.
      if (!client?.leading) void chat.history.newest().catch(() => undefined);
      schedule();
    };
    const onOnline = (): void => client?.nudge();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
    cleanups.push(() => document.removeEventListener('visibilitychange', onVisible), () => window.removeEventListener('online', onOnline));
    cleanups.push(trackPages(window, (url) => {
      // SPAs usually set the new title right after pushState.
      setTimeout(() => {
        if (/^https?:/.test(url)) chat.out.pageView(url, document.title);
      }, 100);
    }));
    told = identity;
    client.boot(identity).then(() => {
      chat.prechat = prechatFrom(known);
      // Identified while the session request was on its way: tell the socket.
      if (identity && identity !== told) chat.out.identify((told = identity));
      whenBody(schedule);
    }).catch((error: unknown) => console.warn('[Parley] the chat could not start:', error));
  };

  // Constructable stylesheets are what keep the widget working under a strict CSP; a browser
  // without them (Safari before 16.4) gets no widget rather than a broken one.
  if (config.siteKey && 'adoptedStyleSheets' in ShadowRoot.prototype) queueMicrotask(() => start(config.siteKey!));
  else if (config.siteKey) console.warn('[Parley] this browser is too old for the chat widget');

  return {
    siteKey: config.siteKey,
    handlers: {
      open: () => setOpen(true),
      close: () => setOpen(false),
      toggle: () => setOpen(!open),
      identify: (who) => {
        if (!who || typeof who.id !== 'string') return console.warn("[Parley] 'identify' needs an object with a string id");
        identity = who;
        if (who.name) known.name = who.name;
        if (who.email) known.email = who.email;
        // The pre-chat form skips what is known, so the answers must carry it: a required email
        // filled in by identify would otherwise be missing from start and refused.
        if (client?.session) {
          client.chat.prechat = { ...client.chat.prechat, ...prechatFrom(known) };
          client.chat.out.identify((told = who));
        }
        schedule();
      },
      set: (values) => {
        const strings = Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)]));
        attributes = { ...attributes, ...strings };
        Object.assign(known, strings);
        if (client?.session) client.chat.prechat = { ...client.chat.prechat, ...prechatFrom(strings) };
        schedule();
      },
      locale: (wanted) => {
        locale = typeof wanted === 'string' ? wanted : undefined;
        view?.dispose();
        view = undefined;
        schedule();
      },
      on: (event, listener) => events.on(event, listener),
      shutdown: () => {
        setOpen(false);
        events.clear();
        client?.stop();
        client?.store.clear();
        view?.dispose();
        attention?.dispose();
        cleanups.forEach((c) => c());
        client = view = undefined;
      },
    },
  };
}

function whenBody(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}
