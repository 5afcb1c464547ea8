/**
 * Trims a saved page to what the real-page corpus (tests/fixtures/real) needs: its readable markup
 * (headline, byline, article, captions, navigation, related links) and the metadata that dates it,
 * without anything that runs, loads or only styles. The pages come from a published corpus of
 * saved pages for parser tests (postlight/parser's fixtures/); see tests/fixtures/real/SOURCES.md.
 *
 *   tsx build/corpus/trim.ts SAVED.html OUT.html "source line"
 *
 * Kept: the elements and their text, with the attributes that carry meaning for a reader or for
 * Backstory's skip rules (href, alt, title, datetime, lang, dir, contenteditable, role, aria-label,
 * type, colspan/rowspan), and in the head the title, the charset, the metadata (its `content`, or the `value` these saved pages were given) that says when the
 * page was published and JSON-LD. Dropped: scripts (but JSON-LD, which is data), styles and style
 * attributes, stylesheets and every other link, frames, embeds, SVG, canvas, media sources and
 * image addresses (a corpus page asks for nothing), comments, hidden elements, class and id and
 * data attributes, and elements left with neither text nor a kept element inside.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Window } from 'happy-dom';

const DROP = 'script:not([type="application/ld+json"]), style, noscript, iframe, frame, frameset, object, embed, svg, canvas, link, template, source, track, picture > source, [hidden], [aria-hidden="true"]';
const KEEP_ATTRIBUTES = new Set(['href', 'alt', 'title', 'datetime', 'lang', 'dir', 'contenteditable', 'role', 'aria-label', 'type', 'colspan', 'rowspan', 'property', 'name', 'content', 'charset', 'itemprop']);
/** Elements kept even without text: they stand for something on the page, or Backstory must skip them. */
const KEEP_EMPTY = new Set(['IMG', 'BR', 'HR', 'INPUT', 'TEXTAREA', 'SELECT', 'TIME', 'TD', 'TH', 'META', 'TITLE']);
/** Metadata that dates a page or says what it is. */
const META = /^(article:(published|modified)_time|og:(type|title|site_name)|date|pubdate|dc\.date|datepublished|author|description|og:description)$/i;
/** Where whitespace is the text. */
const VERBATIM = new Set(['PRE', 'TEXTAREA', 'CODE']);

export function trimPage(html: string, source: string): string {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, disableComputedStyleRendering: true } });
  try {
    const doc = window.document;
    const root = doc.createElement('html');
    root.innerHTML = html;
    const lang = /<html[^>]*\slang=["']?([\w-]+)/i.exec(html)?.[1];
    const dir = /<html[^>]*\sdir=["']?(\w+)/i.exec(html)?.[1];
    for (const el of [...root.querySelectorAll(DROP)]) el.remove();
    const head = root.querySelector('head');
    const body = root.querySelector('body') ?? root;
    const title = head?.querySelector('title')?.textContent?.trim() ?? '';
    const metas = [...(head?.querySelectorAll('meta') ?? [])]
      .filter((m) => META.test(m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? ''))
      .map((m) => `<meta ${m.hasAttribute('property') ? 'property' : m.hasAttribute('name') ? 'name' : 'itemprop'}="${escapeAttr(m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '')}" content="${escapeAttr(m.getAttribute('content') ?? m.getAttribute('value') ?? '')}">`)
      .filter((m) => !m.endsWith('content="">'));
    const jsonLd = [...root.querySelectorAll('script[type="application/ld+json"]')].filter((s) => /date(Published|Created)/.test(s.textContent ?? ''))
      .map((s) => `<script type="application/ld+json">${(s.textContent ?? '').trim()}</script>`);
    // A JSON-LD script in the body stays in the head only.
    for (const s of [...body.querySelectorAll('script')]) s.remove();
    clean(body as unknown as Element);
    const inner = (body as unknown as Element).innerHTML.replace(/<!--[\s\S]*?-->/g, '');
    return `<!doctype html>\n<!-- ${source} -->\n<html${lang ? ` lang="${lang}"` : ''}${dir ? ` dir="${dir}"` : ''}>\n<head>\n<meta charset="utf-8">\n<title>${escapeText(title)}</title>\n${[...metas, ...jsonLd].join('\n')}\n</head>\n<body>\n${inner.trim()}\n</body>\n</html>\n`;
  } finally {
    void window.happyDOM.close();
  }
}

/** Drops comments, attributes and empty elements under `el`, and folds runs of whitespace. Returns whether `el` keeps anything. */
function clean(el: Element): boolean {
  for (const name of el.getAttributeNames()) if (!KEEP_ATTRIBUTES.has(name) && !name.startsWith('aria-label')) el.removeAttribute(name);
  if (el.tagName === 'A' && /^\s*javascript:/i.test(el.getAttribute('href') ?? '')) el.removeAttribute('href');
  let kept = false;
  for (const node of [...el.childNodes]) {
    if (node.nodeType === 8) node.remove();
    else if (node.nodeType === 3) {
      if (!isVerbatim(el)) node.textContent = (node.textContent ?? '').replace(/\s+/g, ' ');
      if ((node.textContent ?? '').trim() !== '') kept = true;
    } else if (node.nodeType === 1) {
      const child = node as Element;
      if (clean(child) || KEEP_EMPTY.has(child.tagName)) kept = true;
      else child.remove();
    }
  }
  return kept;
}

function isVerbatim(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (VERBATIM.has(e.tagName)) return true;
  return false;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [from, to, source] = process.argv.slice(2);
  if (!from || !to || !source) {
    console.error('usage: tsx build/corpus/trim.ts SAVED.html OUT.html "source line"');
    process.exit(2);
  }
  writeFileSync(to, trimPage(readFileSync(from, 'utf8'), source));
}
