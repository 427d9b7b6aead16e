import type { Chat } from './chat';
import type { Translate } from './i18n';
import type { PrechatField, SiteSettings } from './protocol';
import type { ContactForm } from './ui/forms';
import type { ViewModel } from './ui/view';

export interface ModelInput {
  chat: Chat;
  site: SiteSettings;
  t: Translate;
  /** What the page told us about the visitor: `set` attributes and identified name and email. */
  known: Record<string, string>;
  prechatDone: boolean;
  leftMessage: boolean;
  /** The socket was up once, so being offline now is worth telling. */
  wasOnline: boolean;
}

/** What the panel shows for the chat's current state. */
export function viewModel({ chat, site, t, known, prechatDone, leftMessage, wasOnline }: ModelInput): ViewModel {
  const conversation = chat.conversation;
  let notice: string | undefined;
  if (chat.refused) notice = t('unavailable');
  else if (wasOnline && !chat.online) notice = t('reconnecting');
  else if (leftMessage) notice = t('leftThanks');
  else if (chat.queue) {
    const eta = chat.queue.etaSeconds;
    notice = t('queue', chat.queue.position) + (eta === undefined ? '' : ` ${t('eta', Math.max(1, Math.ceil(eta / 60)))}`);
  }
  return {
    title: chat.agentName || site.appearance?.title || site.name || 'Parley',
    online: chat.offline === undefined,
    notice,
    entries: chat.timeline.entries(),
    agentReadSeq: conversation?.agentReadSeq ?? 0,
    greeting: site.greeting,
    typing: chat.agentTyping,
    form: form(chat, site, t, known, prechatDone, leftMessage),
    csat: chat.csat,
    transcript: chat.transcript,
    email: known.email,
    unread: chat.unread(),
  };
}

function form(chat: Chat, site: SiteSettings, t: Translate, known: Record<string, string>, prechatDone: boolean,
  leftMessage: boolean): ContactForm | undefined {
  const declared = site.prechatFields ?? [];
  if (chat.offline !== undefined && !leftMessage) return { kind: 'offline', fields: offlineFields(declared, t), values: known };
  const starting = !chat.isOpen() && chat.timeline.unsent().length === 0;
  const missing = declared.some((f) => !known[f.name]);
  if (starting && !prechatDone && missing) return { kind: 'prechat', fields: declared, values: known };
  return undefined;
}

/** The site's fields, with a name and a required email first: a follow-up needs an address. */
export function offlineFields(declared: PrechatField[], t: Translate): PrechatField[] {
  const find = (name: string): PrechatField | undefined => declared.find((f) => f.name === name);
  return [
    find('name') ?? { name: 'name', label: t('name'), type: 'text', required: false },
    { ...(find('email') ?? { name: 'email', label: t('email'), type: 'email' }), required: true },
    ...declared.filter((f) => f.name !== 'name' && f.name !== 'email'),
  ];
}
