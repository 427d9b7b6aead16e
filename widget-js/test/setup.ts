import { vi } from 'vitest';

// No test may reach the network by accident: a test that needs Parley's API passes its own fake.
vi.stubGlobal('fetch', () => new Promise(() => {}));
