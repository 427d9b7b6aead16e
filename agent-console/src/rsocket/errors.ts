/**
 * A refused or failed console request. `code` is the server's (docs/protocol.md, "Errors") or one
 * of the client's own: `offline` (no connection came up in time) and `connection_lost` (the
 * connection closed before the answer came; the request may or may not have been carried out).
 */
export class ConsoleError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ConsoleError';
  }

  /** Whether sending the same request again later may succeed: sends keep their clientMsgId for that. */
  get retryable(): boolean {
    return this.code === 'offline' || this.code === 'connection_lost' || this.code === 'retry_later' || this.code === 'internal_error';
  }
}

/** The server's application error carries `{"code","message"}` as its message; anything else is a lost connection. */
export function toConsoleError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: number } | null)?.code;
  if (code === APPLICATION_ERROR) {
    try {
      const parsed = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof parsed.code === 'string') {
        return new ConsoleError(parsed.code, typeof parsed.message === 'string' ? parsed.message : parsed.code);
      }
    } catch {
      // Not JSON: a transport-level refusal such as an oversized request.
    }
    return new ConsoleError('invalid_request', text);
  }
  if (code === REJECTED_SETUP || code === REJECTED) return new ConsoleError('unauthenticated', text);
  return new ConsoleError('connection_lost', text);
}

/** RSocket's error codes (rsocket-core's ErrorCodes), kept here so tests need no transport. */
export const REJECTED_SETUP = 0x003;
export const APPLICATION_ERROR = 0x201;
export const REJECTED = 0x202;
