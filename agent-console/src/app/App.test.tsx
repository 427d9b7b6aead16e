import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RestApi } from '../auth/api';
import { Session } from '../auth/session';
import { settle } from '../rsocket/fakes';
import { App } from './App';

describe('App', () => {
  const container = document.createElement('div');
  afterEach(() => render(null, container));

  it('asks a signed-out agent to sign in, offering the provider only when the server names one', async () => {
    localStorage.clear();
    const withProvider = (async () => new Response(JSON.stringify({ password: true,
      oidc: { issuer: 'https://id.example', clientId: 'c', scopes: 'openid' } }), { status: 200 })) as unknown as typeof fetch;
    const api = new RestApi(withProvider);
    render(<App session={new Session({ api, storage: localStorage })} api={api} connect={async () => { throw new Error('unused'); }} />,
      container);
    for (let i = 0; i < 50 && !container.textContent?.includes('organisation'); i++) {
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(container.querySelector('input[name=email]')).not.toBeNull();
    expect(container.querySelector('input[name=password]')).not.toBeNull();
    expect(container.textContent).toContain('Sign in with your organisation');
  });
});
