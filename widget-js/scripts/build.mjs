import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { widgetBuild } from '../esbuild.config.mjs';

// Start from an empty dist/ so stale files never reach the jar or skew the size budget.
await rm('dist', { recursive: true, force: true });
await build(widgetBuild);
