import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The server mounts the console under /console/, so every asset URL must carry it.
  base: '/console/',
  // Preact's automatic JSX runtime, matching tsconfig's jsx/jsxImportSource.
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
