import { Buffer } from 'buffer';

// rsocket-js is written for Node and uses the global Buffer; browsers have none.
const scope = globalThis as unknown as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
