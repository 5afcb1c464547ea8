/**
 * What `backstory scan` reads from a file: blocks of text, by the same rules as the content
 * script. An .html file is parsed inertly (no script runs, nothing is loaded or even asked for,
 * whatever the page holds) and its visible text is collected block by block with src/dom's
 * BlockWalker; a .txt file is one block per line.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Window } from 'happy-dom';
import type { AppliedDate } from '../core';
import { BlockWalker, type Block } from '../dom/blocks';
import { pageDateOf } from '../dom/page-date';

/** The blocks of one input file, and the text they are offsets into. */
export interface InputText {
  /** For .txt the file itself; for .html the visible text, blocks joined by "\n". */
  readonly text: string;
  readonly blocks: readonly string[];
  /** The page's date from its metadata (.html only), as the content script reads it; null when it has none. */
  readonly date: AppliedDate | null;
}

/** Reads `file` as blocks. Throws with the system's reason when it cannot be read. */
export async function readInput(file: string): Promise<InputText> {
  const content = await readFile(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') {
    const { blocks, date } = readHtml(content);
    return { text: blocks.join('\n'), blocks, date };
  }
  return { text: content, blocks: content.split(/\r\n|\r|\n/), date: null };
}

/**
 * Visible text blocks of an HTML document, as the content script collects them.
 *
 * The page is parsed into an `<html>` element that belongs to no document. happy-dom starts loads
 * (stylesheets, preloads, frames) when an element is connected to a document, in tasks of their
 * own that no try/catch around the parse can reach: a saved page's
 * `<link rel="preload" href="/page-data/x.json" as="fetch">` threw "Invalid URL" there (the page
 * has no base URL) and ended the whole run. Elements that are never connected start nothing.
 */
export function htmlBlocks(html: string): string[] {
  return readHtml(html).blocks;
}

/** An HTML document's visible text blocks (see htmlBlocks) and its date from its metadata (src/dom/page-date.ts). */
export function readHtml(html: string): { blocks: string[]; date: AppliedDate | null } {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const root = window.document.createElement('html') as unknown as HTMLElement;
    // eslint-disable-next-line no-restricted-syntax -- this is the parse itself, in Node, into an element of no page
    root.innerHTML = html;
    const blocks: Block[] = [];
    const walker = new BlockWalker(root.querySelector('body') ?? root, (b) => blocks.push(b), new WeakMap());
    walker.run(Infinity);
    // A .txt line is one block; keep HTML blocks on one line each so offsets stay comparable.
    return { blocks: blocks.map((b) => b.text.replace(/[\r\n]/g, ' ')), date: pageDateOf(root) };
  } finally {
    void window.happyDOM.close();
  }
}
