import type { Translate } from '../i18n';
import { h, icon, ICON_SEND } from './dom';

export interface ComposerEvents {
  send(body: string): void;
  draft(text: string): void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line, and every edit is reported as the
 * draft (throttled downstream). An IME composition's Enter only confirms the composition.
 */
export function createComposer(t: Translate, maxLength: number, events: ComposerEvents): { form: HTMLFormElement; input: HTMLTextAreaElement } {
  const input = h('textarea', { rows: '1', 'aria-label': t('message'), placeholder: t('placeholder'), maxlength: String(maxLength) });
  const submit = (): void => {
    const body = input.value.trim();
    if (!body) return;
    input.value = '';
    fit();
    events.send(body);
  };
  const fit = (): void => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    fit();
    events.draft(input.value);
  });
  const form = h('form', { class: 'composer', onsubmit: (event: Event) => {
    event.preventDefault();
    submit();
  } }, input, h('button', { type: 'submit', class: 'icon', 'aria-label': t('send') }, icon(ICON_SEND)));
  return { form, input };
}
