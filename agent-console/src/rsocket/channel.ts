/** One open RSocket connection, as the client uses it; rsocket-js in the browser, a fake in tests. */
export interface Channel {
  /** Request-response with a JSON payload; rejects with the raw transport error. */
  request(route: string, data: unknown): Promise<unknown>;
  /** Request-stream with a JSON payload; `next` receives each decoded item. */
  stream(route: string, data: unknown, subscriber: StreamSubscriber): { cancel(): void };
  /** Called once, when the connection closes for any reason; `error` is absent for a clean close. */
  onClose(callback: (error?: Error) => void): void;
  close(): void;
}

export interface StreamSubscriber {
  next(item: unknown): void;
  error(error: Error): void;
  complete(): void;
}

/** Opens a connection to `url` authenticated with `token` in the set-up frame. */
export type Connect = (url: string, token: string) => Promise<Channel>;
