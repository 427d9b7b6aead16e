/** The browser and operating system a user-agent string names, as an agent would say them: "Chrome 126 on Windows". */
export function describeUserAgent(ua: string | undefined): string {
  if (!ua) return 'Unknown';
  const browser =
    match(ua, /Edg\/(\d+)/, 'Edge') ??
    match(ua, /OPR\/(\d+)/, 'Opera') ??
    match(ua, /Firefox\/(\d+)/, 'Firefox') ??
    match(ua, /(?:Chrome|CriOS)\/(\d+)/, 'Chrome') ??
    match(ua, /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari') ??
    null;
  const os = /Windows NT/.test(ua) ? 'Windows'
    : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
    : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
    : /Android/.test(ua) ? 'Android'
    : /CrOS/.test(ua) ? 'ChromeOS'
    : /Linux/.test(ua) ? 'Linux'
    : null;
  // Neither is known (a bot, an embedded view): the string itself says more than "unknown".
  if (!browser && !os) return ua.length > 80 ? ua.slice(0, 80) + '…' : ua;
  return (browser ?? 'An unknown browser') + ' on ' + (os ?? 'an unknown system');
}

function match(ua: string, pattern: RegExp, name: string): string | undefined {
  const found = pattern.exec(ua);
  return found ? name + ' ' + found[1] : undefined;
}
