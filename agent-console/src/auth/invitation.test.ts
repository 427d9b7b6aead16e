import { describe, expect, it } from 'vitest';
import { RestApi } from './api';
import { invitationToken } from './InvitationPage';

describe('invitation links', () => {
  it('reads the token of the mailed link and nothing else', () => {
    expect(invitationToken('#invitation=Ab-_9xYz')).toBe('Ab-_9xYz');
    expect(invitationToken('')).toBeNull();
    expect(invitationToken('#invitation=')).toBeNull();
    expect(invitationToken('#invitation=abc&x=<script>')).toBeNull();
  });

  it('accepts with the token and the chosen password, and names a refused password', async () => {
    const sent: { url: string; body: string }[] = [];
    const api = new RestApi(async (input, init) => {
      sent.push({ url: String(input), body: String(init?.body) });
      return sent.length === 1 ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ code: 'invalid_field', field: 'password', detail: 'password must be 10 to 1024 characters' }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
    });
    await api.acceptInvitation('tok', 'a long enough password');
    expect(sent[0]).toEqual({ url: '/api/v1/auth/invitations/accept', body: '{"token":"tok","password":"a long enough password"}' });
    await expect(api.acceptInvitation('tok', 'short')).rejects.toMatchObject({
      code: 'invalid_field', fields: { password: 'password must be 10 to 1024 characters' } });
  });
});
