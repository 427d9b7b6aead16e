import { Buffer } from 'buffer';
import {
  WellKnownMimeType,
  encodeBearerAuthMetadata,
  encodeCompositeMetadata,
  encodeRoute,
} from 'rsocket-composite-metadata';
import { RSocketConnector, type Payload, type RSocket } from 'rsocket-core';
import { WebsocketClientTransport } from 'rsocket-websocket-client';
import type { Channel, Connect, StreamSubscriber } from './channel';

/** Keep-alive every 20 s; a connection silent for 60 s is dead even when no socket event says so. */
const KEEP_ALIVE_MS = 20_000;
const LIFETIME_MS = 60_000;

/** Events asked for at once; more are requested as half of them arrive, so the server never outruns the page. */
export const STREAM_WINDOW = 256;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function metadata(entries: Array<[WellKnownMimeType, Buffer]>): Buffer {
  return encodeCompositeMetadata(entries);
}

function payload(route: string, data: unknown): Payload {
  return {
    data: Buffer.from(encoder.encode(JSON.stringify(data ?? {}))),
    metadata: metadata([[WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, encodeRoute(route)]]),
  };
}

function decode(p: Payload): unknown {
  if (!p.data || p.data.length === 0) return undefined;
  return JSON.parse(decoder.decode(p.data)) as unknown;
}

/** rsocket-js over the browser's WebSocket: JSON data, routing and bearer metadata in composite metadata. */
export const connectRSocket: Connect = async (url, token) => {
  const connector = new RSocketConnector({
    setup: {
      keepAlive: KEEP_ALIVE_MS,
      lifetime: LIFETIME_MS,
      dataMimeType: 'application/json',
      metadataMimeType: WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.toString(),
      payload: {
        data: null,
        metadata: metadata([[WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, encodeBearerAuthMetadata(token)]]),
      },
    },
    transport: new WebsocketClientTransport({ url }),
  });
  const socket: RSocket = await connector.connect();
  return new RSocketChannel(socket);
};

class RSocketChannel implements Channel {
  constructor(private readonly socket: RSocket) {}

  request(route: string, data: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.socket.requestResponse(payload(route, data), {
        onNext: (p) => {
          try {
            resolve(decode(p));
          } catch (e) {
            reject(e as Error);
          }
        },
        onComplete: () => resolve(undefined),
        onError: reject,
        onExtension: () => {},
      });
    });
  }

  stream(route: string, data: unknown, subscriber: StreamSubscriber): { cancel(): void } {
    let outstanding = STREAM_WINDOW;
    const handle = this.socket.requestStream(payload(route, data), STREAM_WINDOW, {
      onNext: (p, isComplete) => {
        outstanding--;
        try {
          subscriber.next(decode(p));
        } catch (e) {
          handle.cancel();
          subscriber.error(e as Error);
          return;
        }
        if (isComplete) {
          subscriber.complete();
        } else if (outstanding <= STREAM_WINDOW / 2) {
          handle.request(STREAM_WINDOW - outstanding);
          outstanding = STREAM_WINDOW;
        }
      },
      onComplete: () => subscriber.complete(),
      onError: (e) => subscriber.error(e),
      onExtension: () => {},
    });
    return { cancel: () => handle.cancel() };
  }

  onClose(callback: (error?: Error) => void): void {
    this.socket.onClose(callback);
  }

  close(): void {
    this.socket.close();
  }
}
