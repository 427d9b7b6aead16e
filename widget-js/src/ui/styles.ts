/**
 * The widget's CSS, applied as constructable stylesheets (adoptedStyleSheets): no `<style>` element
 * and no `style` attribute, so a page whose CSP forbids inline styles still renders it.
 *
 * Page rules reach the shadow host but nothing inside it. `:host` declarations are `!important`
 * because for important declarations the shadow tree's rules beat the page's, and `all: initial`
 * then cuts every property the host would otherwise inherit from a hostile page.
 */
const CSS = `
:host{all:initial!important;position:fixed!important;display:block!important;width:0!important;height:0!important;
z-index:2147483000!important;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif!important;
color:var(--fg)!important;direction:ltr!important;--bg:#fff;--fg:#111827;--mu:#4b5563;--bd:#d1d5db;--in:#f1f5f9;--ok:#15803d;--er:#b91c1c}
@media (prefers-color-scheme:dark){:host{--bg:#111827;--fg:#f3f4f6;--mu:#cbd5e1;--bd:#4b5563;--in:#1f2937;--ok:#4ade80;--er:#fca5a5}}
*{box-sizing:border-box;margin:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
[hidden]{display:none!important}
button{cursor:pointer;background:none;border:0;padding:0}
:focus-visible{outline:2px solid currentColor;outline-offset:2px}
svg{width:24px;height:24px;fill:currentColor}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;background:var(--pc);color:var(--pt);
display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible{outline:3px solid var(--pc);outline-offset:3px}
.left .launcher{right:auto;left:20px}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;
color:#fff;background:#b91c1c;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;bottom:88px;right:20px;width:370px;height:min(600px,calc(100vh - 108px));background:var(--bg);
border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;animation:rise .2s ease-out}
.left .panel{right:auto;left:20px}
@keyframes rise{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--pc);color:var(--pt)}
.avatar{flex:none;width:36px;height:36px;border-radius:50%;border:2px solid currentColor;display:flex;align-items:center;
justify-content:center;font-weight:700}
.who{flex:1;min-width:0}
.title{font-size:16px;font-weight:700;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.status{font-size:12px;display:flex;align-items:center;gap:6px}
.dot{width:8px;height:8px;border-radius:50%;border:1px solid currentColor}
.on .dot{background:currentColor}
.icon{width:36px;height:36px;border-radius:8px;display:flex;align-items:center;justify-content:center;color:inherit}
.notice{padding:8px 14px;font-size:13px;background:var(--in);border-bottom:1px solid var(--bd)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:82%;align-self:flex-start}
.mine{align-self:flex-end}
.bubble{padding:8px 12px;border-radius:14px;background:var(--in);white-space:pre-wrap;overflow-wrap:anywhere}
.mine .bubble{background:var(--pc);color:var(--pt)}
.bubble a{text-decoration:underline}
.meta{font-size:12px;color:var(--mu);margin-top:2px}
.mine .meta{text-align:right}
.failed .meta{color:var(--er)}
.event{align-self:center;font-size:12px;color:var(--mu);text-align:center}
.typing{padding:0 14px 6px;font-size:12px;color:var(--mu)}
.typing:empty{display:none}
.composer{display:flex;align-items:flex-end;border-top:1px solid var(--bd)}
.composer textarea{flex:1;border:0;resize:none;padding:12px 14px;max-height:120px;background:transparent;outline-offset:-2px}
.composer .icon{margin:4px;color:var(--mu)}
.slot{display:contents}
.form{padding:14px;overflow-y:auto;border-top:1px solid var(--bd);max-height:75%;flex:0 1 auto;min-height:0}
.form p{margin-bottom:10px}
label{display:block;font-size:13px;font-weight:600}
input,textarea{display:block;width:100%;border:1px solid var(--bd);border-radius:8px;padding:8px;margin:4px 0 12px;background:var(--bg)}
.form textarea{min-height:72px;resize:vertical}
::placeholder{color:var(--mu);opacity:1}
.btn{background:var(--pc);color:var(--pt);border-radius:8px;padding:9px 16px;font-weight:600}
.stars{display:flex;gap:6px;margin:6px 0 12px}
.stars button{width:40px;height:40px;border:1px solid var(--bd);border-radius:8px;font-size:18px}
.stars [aria-pressed=true]{background:var(--pc);color:var(--pt);border-color:var(--pc)}
@media (max-width:639.98px){.panel{inset:0;width:auto;height:auto;border-radius:0}.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;

/** The fixed part of the widget's styles. */
export function baseSheet(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  return sheet;
}

/**
 * The site's colour. Only `#rgb`/`#rrggbb` is accepted, so a setting can never smuggle CSS in; the
 * text on it is black or white, whichever contrasts more (WCAG relative luminance).
 */
export function themeSheet(color: string | undefined): CSSStyleSheet {
  const primary = color && /^#([0-9a-f]{3}){1,2}$/i.test(color) ? color : '#2563eb';
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`:host{--pc:${primary}!important;--pt:${contrastText(primary)}!important}`);
  return sheet;
}

export function contrastText(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (d) => d + d) : hex;
  const channel = (i: number): number => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#fff' : '#000';
}
