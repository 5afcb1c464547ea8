/**
 * Extension pages run under a strict CSP: no inline script, no eval. The manifest's policy allows
 * scripts from the extension only; the pages carry no inline script or handler; the built bundles
 * never evaluate strings as code (esbuild could only have brought that in from a dependency).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ROOT, build } from '../../build/build';

const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { content_security_policy: { extension_pages: string } };
const pages = readdirSync(join(ROOT, 'assets/pages')).filter((f) => f.endsWith('.html'));

beforeAll(async () => {
  if (!existsSync(join(DIST, 'chrome/manifest.json'))) await build();
});

describe('extension pages', () => {
  it('run under a policy that allows only the extension’s own scripts, and no eval', () => {
    const policy = manifest.content_security_policy.extension_pages;
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-(eval|inline)|wasm-unsafe-eval|https?:|\*/);
  });

  it.each(pages)('%s has no inline script, handler or javascript: URL', (page) => {
    const html = readFileSync(join(ROOT, 'assets/pages', page), 'utf8');
    for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(attrs).toMatch(/\bsrc="[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('ships bundles that never turn strings into code', () => {
    for (const target of ['chrome', 'firefox']) {
      for (const file of readdirSync(join(DIST, target)).filter((f) => f.endsWith('.js'))) {
        const code = readFileSync(join(DIST, target, file), 'utf8');
        expect(code, `${target}/${file}`).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(|\bsetTimeout\s*\(\s*['"`]|\bsetInterval\s*\(\s*['"`]/);
      }
    }
  });
});
