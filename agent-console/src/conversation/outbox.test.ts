import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../rsocket/errors';
import { Outbox, type Ack, type Pending } from './outbox';
import { settle } from '../rsocket/fakes';

describe('the outbox', () => {
  it('sends again with the same clientMsgId after a lost connection, until acknowledged', async () => {
    const tries: Pending[] = [];
    let fail = true;
    const outbox = new Outbox(async (p): Promise<Ack> => {
      tries.push({ ...p });
      if (fail) throw new ConsoleError('connection_lost', 'lost');
      return { conversationId: p.conversationId, clientMsgId: p.clientMsgId, seq: 7, duplicate: true };
    }, () => undefined);
    const sent = outbox.send('c', 'Hello', false);
    await settle();
    expect(outbox.pendingIn('c')).toHaveLength(1);
    expect(outbox.pendingIn('c')[0]!.failed).toBeUndefined();
    fail = false;
    outbox.resend();
    await settle();
    expect(tries.map((t) => t.clientMsgId)).toEqual([sent.clientMsgId, sent.clientMsgId]);
    expect(sent.clientMsgId).toMatch(/^c-[A-Za-z0-9_-]{22}$/);
    expect(outbox.pendingIn('c')).toEqual([]);
  });

  it('leaves when its message arrives in the inbox, and marks a refusal that will not pass on retry', async () => {
    const outbox = new Outbox(async () => {
      throw new ConsoleError('conversation_closed', 'The conversation is closed');
    }, () => undefined);
    const a = outbox.send('c', 'One', false);
    await settle();
    expect(outbox.pendingIn('c')[0]!.failed).toBe('The conversation is closed');
    outbox.resend();
    await settle();
    expect(outbox.pendingIn('c')[0]!.failed).toBe('The conversation is closed');
    outbox.delivered(a.clientMsgId);
    expect(outbox.pendingIn('c')).toEqual([]);
  });

  it('goes again by itself, same clientMsgId, while the server answers "not now", waiting longer each time', async () => {
    const tries: string[] = [];
    const answers = ['retry_later', 'internal_error', 'ok'];
    const timers: { task: () => void; ms: number }[] = [];
    const outbox = new Outbox(async (p): Promise<Ack> => {
      tries.push(p.clientMsgId);
      const answer = answers.shift()!;
      if (answer !== 'ok') throw new ConsoleError(answer, 'Not now');
      return { conversationId: p.conversationId, clientMsgId: p.clientMsgId, seq: 3, duplicate: false };
    }, () => undefined, undefined, (task, ms) => timers.push({ task, ms }));
    const sent = outbox.send('c', 'Hello', false);
    await settle();
    expect(outbox.pendingIn('c')[0]!.failed).toBeUndefined();
    expect(timers.map((t) => t.ms)).toEqual([1_000]);
    timers[0]!.task();
    await settle();
    expect(timers.map((t) => t.ms)).toEqual([1_000, 2_000]);
    timers[1]!.task();
    await settle();
    expect(tries).toEqual([sent.clientMsgId, sent.clientMsgId, sent.clientMsgId]);
    expect(outbox.pendingIn('c')).toEqual([]);
  });

  it('does not go again by itself after a lost connection, nor once discarded', async () => {
    const timers: (() => void)[] = [];
    let tries = 0;
    const outbox = new Outbox(async (): Promise<Ack> => {
      tries++;
      throw new ConsoleError(tries === 1 ? 'connection_lost' : 'retry_later', 'Not now');
    }, () => undefined, undefined, (task) => timers.push(task));
    const lost = outbox.send('c', 'One', false);
    await settle();
    expect(timers).toEqual([]);
    outbox.resend();
    await settle();
    expect(timers).toHaveLength(1);
    outbox.discard(lost.clientMsgId);
    timers[0]!();
    await settle();
    expect(tries).toBe(2);
  });
});
