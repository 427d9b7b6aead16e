import type { Translate } from '../i18n';
import type { Entry } from '../timeline';
import { createComposer } from './composer';
import { h, icon, ICON_CHAT, ICON_CLOSE } from './dom';
import { type ContactForm, contactForm, csatForm, transcriptForm } from './forms';
import { MessageList } from './messages';
import { baseSheet, themeSheet } from './styles';

/** Everything the panel shows, computed by the widget from the chat's state. */
export interface ViewModel {
  title: string;
  online: boolean;
  notice?: string;
  entries: Entry[];
  agentReadSeq: number;
  greeting?: string;
  typing?: string;
  form?: ContactForm;
  csat?: 'ask' | number;
  /** Offered once the conversation closed: mail me the transcript, and how that went. */
  transcript?: 'asked' | 'sent' | 'failed';
  email?: string;
  unread: number;
}

export interface ViewEvents {
  toggle(open: boolean): void;
  send(body: string): void;
  draft(text: string): void;
  contact(answers: Record<string, string>, body: string): void;
  rate(rating: number, comment: string): void;
  transcript(email: string): void;
  earlier(): void;
}

export interface ViewSettings {
  t: Translate;
  locale: string;
  color?: string;
  position?: 'left' | 'right';
  maxLength: number;
  /** The server can mail transcripts: offer one after the conversation closed. */
  transcript?: boolean;
}

/**
 * The widget's DOM: a `<parley-widget>` host whose shadow root holds the launcher and the panel, so
 * no page rule reaches inside. The root is open because assistive tooling (axe, browser
 * extensions) only sees into open roots; it protects against CSS, not against the page's scripts,
 * which run with the same rights as ours anyway.
 */
export class View {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly root: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly title = h('h2', { class: 'title', id: 'pt' });
  private readonly avatar = h('span', { class: 'avatar', 'aria-hidden': 'true' });
  private readonly status = h('p', { class: 'status' }, h('span', { class: 'dot' }), h('span'));
  private readonly notice = h('p', { class: 'notice', role: 'status' });
  private readonly typing = h('p', { class: 'typing', 'aria-live': 'polite' });
  private readonly slot = h('div', { class: 'slot' });
  private readonly list: MessageList;
  private readonly composer: { form: HTMLFormElement; input: HTMLTextAreaElement };
  private slotKey = '';
  private isOpen = false;

  constructor(private readonly settings: ViewSettings, private readonly events: ViewEvents) {
    const { t } = settings;
    this.host = document.createElement('parley-widget');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    this.shadow.adoptedStyleSheets = [baseSheet(), themeSheet(settings.color)];
    this.list = new MessageList(t('message'), events.earlier);
    this.composer = createComposer(t, settings.maxLength, { send: events.send, draft: events.draft });
    this.badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
    this.launcher = h('button', { type: 'button', class: 'launcher', 'aria-controls': 'pp', 'aria-expanded': 'false',
      onclick: () => events.toggle(!this.isOpen) }, icon(ICON_CHAT), this.badge);
    this.panel = h('div', { class: 'panel', id: 'pp', role: 'dialog', 'aria-labelledby': 'pt', hidden: true,
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === 'Escape') events.toggle(false);
      } },
    h('div', { class: 'head' }, this.avatar, h('div', { class: 'who' }, this.title, this.status),
      h('button', { type: 'button', class: 'icon', 'aria-label': t('minimise'), onclick: () => events.toggle(false) }, icon(ICON_CLOSE))),
    this.notice, this.list.element, this.typing, this.slot, this.composer.form);
    this.root = h('div', { class: settings.position === 'left' ? 'left' : '', lang: settings.locale }, this.panel, this.launcher);
    this.shadow.appendChild(this.root);
  }

  mount(parent: HTMLElement): void {
    parent.appendChild(this.host);
  }

  render(model: ViewModel): void {
    const { t, locale } = this.settings;
    this.title.textContent = model.title;
    this.avatar.textContent = model.title.trim().charAt(0).toUpperCase();
    this.status.className = model.online ? 'status on' : 'status';
    (this.status.lastChild as HTMLElement).textContent = model.online ? t('online') : t('offline');
    this.notice.textContent = model.notice ?? '';
    this.notice.hidden = !model.notice;
    this.typing.textContent = model.typing === undefined ? '' : t('typing', model.typing || t('agent'));
    this.list.render({ entries: model.entries, agentReadSeq: model.agentReadSeq, greeting: model.greeting, t, locale });
    this.renderSlot(model);
    const label = model.unread > 0 ? `${t(this.isOpen ? 'minimise' : 'open')}, ${t('unread', model.unread)}` : t(this.isOpen ? 'minimise' : 'open');
    this.launcher.setAttribute('aria-label', label);
    this.badge.textContent = String(model.unread);
    this.badge.hidden = model.unread === 0 || this.isOpen;
  }

  /** Shows or hides the panel; `focus` moves focus into it, or back to the launcher when it held focus. */
  setOpen(open: boolean): void {
    if (open === this.isOpen) return;
    const hadFocus = this.shadow.activeElement !== null;
    this.isOpen = open;
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', this.settings.t(open ? 'minimise' : 'open'));
    this.badge.hidden = open || this.badge.textContent === '0';
    if (open) this.focusPanel();
    else if (hadFocus) this.launcher.focus();
  }

  dispose(): void {
    this.host.remove();
  }

  private focusPanel(): void {
    const target = this.slot.querySelector<HTMLElement>('input, textarea, button') ?? this.composer.input;
    target.focus();
  }

  private renderSlot(model: ViewModel): void {
    const { t, maxLength } = this.settings;
    const key = model.form ? model.form.kind : (model.csat === 'ask' ? 'csat' : typeof model.csat === 'number' ? 'rated' : '')
      + (model.csat ? model.transcript ?? '' : '');
    this.composer.form.hidden = !!model.form;
    if (key === this.slotKey) return;
    const focused = this.slot.contains(this.shadow.activeElement);
    this.slotKey = key;
    this.slot.textContent = '';
    if (model.form) this.slot.appendChild(contactForm(t, model.form, maxLength, this.events.contact));
    else if (key.startsWith('csat')) this.slot.appendChild(csatForm(t, this.events.rate));
    else if (key.startsWith('rated')) this.slot.appendChild(h('p', { class: 'form', role: 'status' }, t('rated')));
    if (model.csat && !model.form && this.settings.transcript) this.slot.appendChild(transcriptForm(t, model.transcript, model.email, this.events.transcript));
    if (focused && this.isOpen) this.focusPanel();
  }
}
