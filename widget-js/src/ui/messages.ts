import type { Translate } from '../i18n';
import { appendLinkified } from '../linkify';
import type { Entry } from '../timeline';
import { h } from './dom';

export interface ListState {
  entries: Entry[];
  /** The agent's read mark: the visitor's messages up to it show as read. */
  agentReadSeq: number;
  greeting?: string;
  t: Translate;
  locale: string;
}

/**
 * The message log. Rows are kept and updated in place, keyed by `clientMsgId`, rather than
 * rebuilt: the log is an ARIA live region, and a rebuilt row would be announced again.
 */
export class MessageList {
  readonly element: HTMLElement;
  private readonly rows = new Map<string, { row: HTMLElement; meta: HTMLElement; key: string }>();
  private readonly greeting = h('div', { class: 'msg greeting' }, h('div', { class: 'bubble' }));

  /** `top` is called when the visitor scrolls to the top, to fetch older messages. */
  constructor(label: string, top: () => void) {
    // Focusable so keyboard users can scroll it; labelled because it is focusable.
    this.element = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': label, tabindex: '0',
      onscroll: () => {
        if (this.element.scrollTop < 40) top();
      } });
  }

  render(state: ListState): void {
    const log = this.element;
    const stick = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    // Older messages are inserted above what the visitor reads: keep that in place.
    const anchor = (this.greeting.isConnected ? this.greeting.nextElementSibling : log.firstElementChild) as HTMLElement | null;
    const anchorTop = anchor?.offsetTop ?? 0;
    const { entries, t } = state;
    (this.greeting.firstChild as HTMLElement).textContent = state.greeting ?? '';
    let previous: Element | null = null;
    if (state.greeting) {
      if (log.firstChild !== this.greeting) log.prepend(this.greeting);
      previous = this.greeting;
    } else {
      this.greeting.remove();
    }
    const keep = new Set<string>();
    for (const entry of entries) {
      keep.add(entry.clientMsgId);
      let known = this.rows.get(entry.clientMsgId);
      if (!known) {
        known = this.create(entry, t);
        this.rows.set(entry.clientMsgId, known);
      }
      const meta = metaText(entry, state);
      if (known.key !== meta) {
        known.meta.textContent = meta;
        known.key = meta;
        known.row.classList.toggle('failed', entry.state === 'failed');
      }
      const expected = previous ? previous.nextSibling : log.firstChild;
      if (expected !== known.row) log.insertBefore(known.row, expected);
      previous = known.row;
    }
    for (const [id, known] of this.rows) {
      if (!keep.has(id)) {
        known.row.remove();
        this.rows.delete(id);
      }
    }
    if (stick) log.scrollTop = log.scrollHeight;
    else if (anchor?.isConnected) log.scrollTop += anchor.offsetTop - anchorTop;
  }

  private create(entry: Entry, t: Translate): { row: HTMLElement; meta: HTMLElement; key: string } {
    if (entry.kind === 'event') {
      const row = h('div', { class: 'event' }, eventText(entry, t));
      return { row, meta: h('span'), key: '' };
    }
    const bubble = h('div', { class: 'bubble' });
    appendLinkified(bubble, entry.body);
    const meta = h('div', { class: 'meta' });
    const who = entry.mine ? t('you') : entry.authorName || t('agent');
    const row = h('div', { class: entry.mine ? 'msg mine' : 'msg' }, h('span', { class: 'sr' }, `${who}: `), bubble, meta);
    return { row, meta, key: '' };
  }
}

/** A system record in the visitor's language, from its `meta.type`; the server's English body otherwise. */
function eventText(entry: Entry, t: Translate): string {
  const type = entry.meta?.type;
  if (type === 'closed') return t('closed');
  if (type === 'reopened') return t('reopened');
  if (type === 'assigned' && entry.meta?.agentName) return t('joined', entry.meta.agentName);
  return entry.body;
}

function metaText(entry: Entry, state: ListState): string {
  if (entry.kind === 'event') return '';
  const { t } = state;
  let time = '';
  try {
    time = new Date(entry.createdAt).toLocaleTimeString(state.locale, { hour: 'numeric', minute: '2-digit' });
  } catch {
    time = '';
  }
  if (!entry.mine) return time;
  const status = entry.state === 'failed' ? t('failed') : entry.state === 'sending' ? t('sending')
    : (entry.seq ?? 0) <= state.agentReadSeq ? t('read') : t('sent');
  return time ? `${time} · ${status}` : status;
}
