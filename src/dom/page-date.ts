/**
 * The page's date, from its metadata, for time-bound aliases (src/core/text/dates.ts): the first of
 *   1. `<meta property="article:published_time">` (Open Graph's article date),
 *   2. `datePublished` in a JSON-LD script (at any depth: `@graph`, arrays, nested objects),
 *   3. a `<time datetime>` in the article (`<article>`, or the element schema.org marks as its body).
 * Read once per page, and only when a block holds a time-bound alias. Shared by the content script
 * and the CLI, which parses saved pages with happy-dom.
 */
import { metadataDate, type AppliedDate } from '../core/text/dates';

/** JSON-LD larger than this is not parsed: no page needs that much to say when it was published. */
const MAX_JSON_LD = 256 * 1024;

/** The page's date from the metadata under `root` (a document, or the `<html>` element of one), or null. */
export function pageDateOf(root: ParentNode): AppliedDate | null {
  for (const meta of root.querySelectorAll('meta[property="article:published_time"], meta[name="article:published_time"]')) {
    const date = metadataDate(meta.getAttribute('content') ?? '', 'article:published_time');
    if (date) return date;
  }
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue; // a page's broken JSON-LD is its own business
    }
    const value = datePublished(data, 0);
    const date = value === null ? null : metadataDate(value, 'JSON-LD datePublished');
    if (date) return date;
  }
  for (const time of root.querySelectorAll('article time[datetime], [itemprop="articleBody"] time[datetime]')) {
    const date = metadataDate(time.getAttribute('datetime') ?? '', '<time datetime>');
    if (date) return date;
  }
  return null;
}

/** The first `datePublished` string in a JSON-LD value, depth first, at most 8 levels down. */
function datePublished(value: unknown, depth: number): string | null {
  if (depth > 8 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = datePublished(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') return record.datePublished;
  for (const key of Object.keys(record)) {
    const found = datePublished(record[key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
