/**
 * A static guard for issue 7 ("no network request, ever, from any context"), beside the e2e
 * recording proxy (tests/e2e/privacy.test.ts): the shipped bundles (what `npm run build` copies
 * into dist/chrome and dist/firefox, bundled here with the same esbuild options) use no network
 * API but fetch() of the extension's own files, load nothing from elsewhere, and the extension
 * pages name no remote resource.
 *
 * The bundles are not minified (build/build.ts), so the calls read as written. This catches the
 * plain ways in; the proxy catches every way.
 */
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, engineOptions, esbuildOptions } from '../../build/build';

let bundles: { name: string; text: string }[] = [];

beforeAll(async () => {
  const results = await Promise.all([esbuildOptions(), engineOptions()].map((options) => esbuild.build({ ...options, write: false, logLevel: 'silent' })));
  bundles = results.flatMap((r) => r.outputFiles).filter((f) => f.path.endsWith('.js')).map((f) => ({ name: basename(f.path), text: f.text }));
}, 60_000);

/** Each line of the bundles that `pattern` (not global) matches, as "file:line: text". */
function find(pattern: RegExp): string[] {
  const out: string[] = [];
  for (const { name, text } of bundles) {
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line)) out.push(`${name}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

describe('the shipped bundles make no network request', () => {
  it('bundles every context', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(['background.js', 'content.js', 'engine.js', 'options.js', 'popup.js']);
  });

  it('call fetch() only on runtime.getURL(...), the extension’s own files', () => {
    const calls = find(/\bfetch\s*\(/);
    expect(calls.length).toBeGreaterThan(0); // the guard still sees the calls it checks
    expect(calls.filter((c) => !/\bfetch\(\s*[\w$.]*\.runtime\.getURL\(/.test(c))).toEqual([]);
  });

  it('import() only runtime.getURL(...), the extension’s own modules', () => {
    const imports = find(/\bimport\s*\(/);
    expect(imports.length).toBeGreaterThan(0); // the content script imports its engine
    expect(imports.filter((c) => !/\bimport\(\s*[\w$.]*\.runtime\.getURL\(/.test(c))).toEqual([]);
  });

  it('use no other network API', () => {
    expect(find(/\bnew\s+(XMLHttpRequest|WebSocket|EventSource|WebTransport|RTCPeerConnection|SharedWorker|Worker)\b/)).toEqual([]);
    expect(find(/\b(XMLHttpRequest|WebSocket|EventSource|WebTransport|RTCPeerConnection)\b/)).toEqual([]);
    expect(find(/\.sendBeacon\s*\(|\bimportScripts\s*\(|\.prefetch\s*\(|\bnavigator\.(connection|serviceWorker)\b/)).toEqual([]);
  });

  it('create no element that loads a resource, and write no remote URL into styles', () => {
    // The card and pages are built with createElement and small helpers over it (el, element).
    // The tag is their first argument (createElementNS: its second).
    const loaders = '(img|image|iframe|frame|script|link|video|audio|source|track|object|embed|picture|portal|use)';
    expect(find(new RegExp(`\\b(createElement|el|element|h)\\(\\s*["'\`]${loaders}["'\`]`))).toEqual([]);
    expect(find(new RegExp(`\\bcreateElementNS\\([^,]*,\\s*["'\`]${loaders}["'\`]`))).toEqual([]);
    expect(find(/url\(\s*["']?(https?:)?\/\//i)).toEqual([]);
    expect(find(/@import\b/)).toEqual([]);
  });
});

describe('the extension pages name no remote resource', () => {
  const pages = join(ROOT, 'assets/pages');
  const files = readdirSync(pages).filter((f) => /\.(html|css)$/.test(f));

  it('has pages to check', () => {
    expect(files).toEqual(expect.arrayContaining(['popup.html', 'options.html']));
  });

  it.each(files)('%s loads from the extension only', (file) => {
    const text = readFileSync(join(pages, file), 'utf8');
    expect(text.match(/\b(src|href|srcset|action|poster|data)\s*=\s*["']?\s*(https?:)?\/\/[^"'\s>]*/gi) ?? []).toEqual([]);
    expect(text.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)/gi) ?? []).toEqual([]);
    expect(text.match(/@import\b[^;]*/g) ?? []).toEqual([]);
  });
});

describe('the extension pages’ Content-Security-Policy', () => {
  it('lets extension pages and the background connect to the extension only', () => {
    // The first guard: a fetch from the popup, options page or background to anywhere else is
    // refused before it leaves (tests/e2e/privacy.test.ts shows it in both browsers).
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { content_security_policy?: { extension_pages?: string } };
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    for (const name of ['connect-src', 'img-src', 'font-src', 'media-src', 'style-src', 'frame-src', 'worker-src']) {
      expect(directives.get(name) ?? ["'self'"], name).toEqual(expect.not.arrayContaining([expect.stringMatching(/^(https?:|\*|wss?:|data:|blob:)/)]));
    }
  });
});
