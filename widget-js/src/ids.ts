/**
 * A fresh `clientMsgId`: 128 random bits in hex. `crypto.randomUUID` would do, but it exists only
 * in secure contexts and host pages are sometimes plain http.
 */
export function newClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = 'w-';
  for (const byte of bytes) id += (byte + 256).toString(16).slice(1);
  return id;
}
