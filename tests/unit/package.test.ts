/**
 * `npm run package`: what the stores receive. Store zips with the manifest at the root and the
 * version of package.json; nothing from the test or bench builds; a sources zip that can rebuild
 * them; and the Firefox zip passing addons-linter, as addons.mozilla.org runs it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, ROOT, build } from '../../build/build';
import { lintFirefoxZip, writePackages, type Packages } from '../../build/package';

const out = mkdtempSync(join(tmpdir(), 'backstory-package-'));
let packages: Packages;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const names = (zip: string) => Object.keys(unzipSync(readFileSync(zip)));
const manifestOf = (zip: string) => JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(zip))['manifest.json'])) as { version: string; background: Record<string, unknown> };

beforeAll(async () => {
  if (!existsSync(join(DIST, 'chrome/manifest.json')) || !existsSync(join(DIST, 'firefox/manifest.json'))) await build();
  packages = writePackages(out);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run package', () => {
  it('makes a zip per store, manifest at the root, with the version of package.json', () => {
    expect(packages.stores.chrome).toMatch(new RegExp(`backstory-${version.replace(/\./g, '\\.')}-chrome\\.zip$`));
    for (const zip of Object.values(packages.stores)) {
      const files = names(zip);
      expect(files).toContain('manifest.json');
      expect(files).toEqual(expect.arrayContaining(['content.js', 'background.js', 'popup.html', 'options.html', 'packs/index-0.bin', '_locales/en/messages.json']));
      expect(files.filter((f) => f.startsWith('test/') || f.includes('bench'))).toEqual([]);
      expect(manifestOf(zip).version).toBe(version);
    }
    expect(manifestOf(packages.stores.chrome).background).toHaveProperty('service_worker');
    expect(manifestOf(packages.stores.firefox).background).toHaveProperty('scripts');
  });

  it('makes a sources zip with what rebuilds the add-on, and no installs or builds', () => {
    const files = names(packages.sources);
    expect(files).toEqual(expect.arrayContaining(['SOURCES.md', 'package.json', 'package-lock.json', 'manifest.json', 'build/build.ts', 'src/core/index.ts', 'assets/packs/musk-iran-2024.json']));
    expect(files.filter((f) => /^(node_modules|dist|\.git|\.scratch)\//.test(f))).toEqual([]);
  });

  it('gives a Firefox zip that addons-linter passes with no errors', () => {
    expect(lintFirefoxZip(packages.stores.firefox).errors).toEqual([]);
  }, 60_000);
});
