const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?')\]}]+$/;

/**
 * Appends `text` to `parent` as text nodes, with http(s) URLs as links that open in a new tab
 * without handing the host page to the target (`noopener noreferrer`) or vouching for it
 * (`nofollow`). Nothing is ever parsed as HTML, so markup in a message shows as typed.
 */
export function appendLinkified(parent: Node, text: string): void {
  const doc = parent.ownerDocument ?? document;
  let last = 0;
  let match: RegExpExecArray | null;
  URL_PATTERN.lastIndex = 0;
  while ((match = URL_PATTERN.exec(text))) {
    const start = match.index;
    // Sentence punctuation after a URL is almost never part of it.
    const raw = match[0].replace(TRAILING, '');
    let href: string | null = null;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = null;
    }
    if (!href) continue;
    if (start > last) parent.appendChild(doc.createTextNode(text.slice(last, start)));
    const link = doc.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer nofollow';
    link.textContent = raw;
    parent.appendChild(link);
    last = start + raw.length;
  }
  if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
}
