import { beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../src/api';
import { Chat } from '../src/chat';
import { translator } from '../src/i18n';
import { type ModelInput, offlineFields, viewModel } from '../src/model';
import { Store } from '../src/storage';
import { CONVERSATION, SITE } from './fakes';

const t = translator('en');
let chat: Chat;
const input = (overrides: Partial<ModelInput> = {}): ModelInput =>
  ({ chat, site: SITE, t, known: {}, prechatDone: false, leftMessage: false, wasOnline: true, ...overrides });

beforeEach(() => {
  localStorage.clear();
  chat = new Chat({ send: () => true }, new Api('http://parley.test/'), new Store('site-1'), () => 'tok');
});

describe('viewModel', () => {
  it('shows the queue position with the wait in whole minutes, and the agent once assigned', () => {
    chat.follow({ ...CONVERSATION, status: 'queued' });
    chat.setOnline(true);
    chat.frame({ type: 'queue', conversationId: 'c1', position: 3, etaSeconds: 90 });
    expect(viewModel(input()).notice).toBe('You are number 3 in the queue. Expected wait: about 2 min.');
    chat.frame({ type: 'queue', conversationId: 'c1', position: 2 });
    expect(viewModel(input()).notice).toBe('You are number 2 in the queue.');

    chat.frame({ type: 'assigned', conversationId: 'c1', agent: { name: 'Alice' } });
    const model = viewModel(input());
    expect(model.notice).toBeUndefined();
    expect(model.title).toBe('Alice');
  });

  it('says it is reconnecting only after it was connected once', () => {
    expect(viewModel(input({ wasOnline: false })).notice).toBeUndefined();
    expect(viewModel(input({ wasOnline: true })).notice).toBe('Reconnecting…');
  });

  it('asks the pre-chat questions the page has not answered, before the first message only', () => {
    const site = { ...SITE, prechatFields: [{ name: 'email', label: 'Email', type: 'email' as const, required: true }] };
    expect(viewModel(input({ site })).form?.kind).toBe('prechat');
    expect(viewModel(input({ site, known: { email: 'a@b.test' } })).form).toBeUndefined();
    expect(viewModel(input({ site, prechatDone: true })).form).toBeUndefined();
    chat.follow(CONVERSATION);
    expect(viewModel(input({ site })).form).toBeUndefined();
  });

  it('offers the offline form when nobody is available, until the visitor left a message', () => {
    chat.setOnline(true);
    chat.offline = 'closed_hours';
    const model = viewModel(input());
    expect(model.online).toBe(false);
    expect(model.form?.kind).toBe('offline');
    expect(viewModel(input({ leftMessage: true })).form).toBeUndefined();
    expect(viewModel(input({ leftMessage: true })).notice).toBe("Thanks! We'll reply by email.");
  });
});

describe('offlineFields', () => {
  it('asks for a name and a required email first, then the site fields, using the site labels', () => {
    const fields = offlineFields([
      { name: 'order', label: 'Order number', type: 'text', required: false },
      { name: 'email', label: 'Your e-mail', type: 'email', required: false },
    ], t);
    expect(fields.map((f) => [f.name, f.label, f.required])).toEqual([
      ['name', 'Name', false], ['email', 'Your e-mail', true], ['order', 'Order number', false]]);
  });
});
