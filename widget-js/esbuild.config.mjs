/**
 * The one definition of how widget.js is bundled: used by scripts/build.mjs
 * and by the tests, so the tests exercise exactly what ships. Paths are relative
 * to the package root, where npm runs every script.
 * @type {import('esbuild').BuildOptions}
 */
export const widgetBuild = {
  entryPoints: ['src/index.ts'],
  outfile: 'dist/widget.js',
  bundle: true,
  // An IIFE keeps every helper private: window.Parley is the only global the host page sees.
  format: 'iife',
  // The floor is set by adoptedStyleSheets (Chrome 73, Firefox 101, Safari 16.4), which every
  // ES2020 browser below it lacks anyway; ES2020 keeps ?. and ?? native, a tenth of the size.
  target: 'es2020',
  platform: 'browser',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
