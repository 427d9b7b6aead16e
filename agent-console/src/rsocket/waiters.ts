import { ConsoleError } from './errors';
import type { Timers } from './types';

/**
 * Requests waiting for the connection. Each waits until {@link release}, which hands it the
 * connection (the inbox is live) or null (the session ended), or until its own time is up, when
 * it fails with `offline`.
 */
export class Waiters<T> {
  private waiting: Array<(value: T | null) => void> = [];

  constructor(private readonly timers: Timers) {}

  /** Resolves with what the next {@link release} hands over; rejects with `offline` after `timeoutMs`. */
  wait(timeoutMs: number): Promise<T | null> {
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new ConsoleError('offline', 'Parley is not reachable right now'));
      }, timeoutMs);
      const waiter = (value: T | null) => {
        this.timers.clearTimeout(timer);
        resolve(value);
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands `value` to every waiting request. */
  release(value: T | null): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((w) => w(value));
  }
}
