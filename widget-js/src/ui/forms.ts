import type { Translate } from '../i18n';
import type { PrechatField } from '../protocol';
import { h } from './dom';

export interface ContactForm {
  /** The pre-chat form before a first message, or the offline form when nobody can answer now. */
  kind: 'prechat' | 'offline';
  fields: PrechatField[];
  /** Known answers (the host's `set` attributes, an identified email), shown pre-filled. */
  values: Record<string, string>;
}

/**
 * A form of the site's fields plus the visitor's message; `submit` gets the answers (blank ones
 * left out) and the message. The browser's own validation enforces required fields and emails.
 */
/** The server's limits (docs/protocol.md, `invalid_prechat`): a visitor's name, an address, any other answer. */
const LONGEST_NAME = 200;
const LONGEST_EMAIL = 320;
const LONGEST_ANSWER = 1000;

function longest(field: string): number {
  return field === 'name' ? LONGEST_NAME : field === 'email' ? LONGEST_EMAIL : LONGEST_ANSWER;
}

export function contactForm(t: Translate, spec: ContactForm, maxLength: number,
  submit: (answers: Record<string, string>, body: string) => void): HTMLFormElement {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const rows = spec.fields.map((field) => {
    const id = `pf-${field.name}`;
    const attrs = { id, name: field.name, required: field.required, value: spec.values[field.name], maxlength: String(longest(field.name)),
      autocomplete: field.type === 'email' ? 'email' : field.name === 'name' ? 'name' : undefined };
    const input = field.type === 'textarea' ? h('textarea', { ...attrs, value: undefined }) : h('input', { ...attrs, type: field.type === 'email' ? 'email' : 'text' });
    if (input instanceof HTMLTextAreaElement) input.value = spec.values[field.name] ?? '';
    inputs.set(field.name, input);
    return [h('label', { for: id }, field.label, field.required ? ` (${t('required')})` : ''), input];
  });
  const message = h('textarea', { id: 'pf-message', required: true, maxlength: String(maxLength) });
  return h('form', { class: 'form', onsubmit: (event: Event) => {
    event.preventDefault();
    const answers: Record<string, string> = {};
    for (const [name, input] of inputs) if (input.value.trim()) answers[name] = input.value.trim();
    const body = message.value.trim();
    if (body) submit(answers, body);
  } },
  h('p', {}, spec.kind === 'offline' ? t('offlineTitle') : t('prechatTitle')),
  ...rows.flat(),
  h('label', { for: 'pf-message' }, `${t('message')} (${t('required')})`), message,
  h('button', { type: 'submit', class: 'btn' }, spec.kind === 'offline' ? t('leave') : t('start')));
}

/**
 * After a conversation closed: "email me this conversation", with the address the visitor gave
 * pre-filled; once the server mailed it, a confirmation instead.
 */
export function transcriptForm(t: Translate, state: 'asked' | 'sent' | 'failed' | undefined, email: string | undefined,
  send: (email: string) => void): HTMLElement {
  if (state === 'sent') return h('p', { class: 'form', role: 'status' }, t('transcriptSent'));
  const input = h('input', { id: 'tr-email', type: 'email', required: true, autocomplete: 'email', value: email });
  return h('form', { class: 'form', onsubmit: (event: Event) => {
    event.preventDefault();
    if (input.value.trim()) send(input.value.trim());
  } },
  h('label', { for: 'tr-email' }, t('transcript')), input,
  state === 'failed' && h('p', { role: 'alert' }, t('failed')),
  h('button', { type: 'submit', class: 'btn', disabled: state === 'asked' }, t('send')));
}

/** The satisfaction survey after a conversation closed: one to five stars and an optional comment. */
export function csatForm(t: Translate, rate: (rating: number, comment: string) => void): HTMLFormElement {
  let rating = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => h('button', { type: 'button', 'aria-label': t('stars', n), 'aria-pressed': 'false',
    onclick: () => {
      rating = n;
      stars.forEach((star, i) => star.setAttribute('aria-pressed', String(i + 1 === n)));
    } }, '★'));
  const comment = h('textarea', { id: 'csat-comment', maxlength: '1000' });
  return h('form', { class: 'form', onsubmit: (event: Event) => {
    event.preventDefault();
    if (rating) rate(rating, comment.value.trim());
  } },
  h('p', { id: 'csat-title' }, t('csatTitle')),
  h('div', { class: 'stars', role: 'group', 'aria-labelledby': 'csat-title' }, ...stars),
  h('label', { for: 'csat-comment' }, t('comment')), comment,
  h('button', { type: 'submit', class: 'btn' }, t('rate')));
}
