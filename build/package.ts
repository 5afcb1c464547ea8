/**
 * `npm run package`: builds, then writes to dist/:
 * - backstory-<version>-chrome.zip   for the Chrome Web Store;
 * - backstory-<version>-firefox.zip  for Firefox Add-ons (linted with addons-linter: 0 errors);
 * - backstory-<version>-sources.zip  the source code Firefox's review asks for, with the steps that
 *   rebuild the same firefox.zip (SOURCES.md at its root).
 * The manifest sits at each store zip's root, as both stores require; the version in both manifests
 * comes from package.json (build/manifest.ts). Zips are reproducible: fixed timestamps, sorted files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { DIST, ROOT, TARGETS, build } from './build';

const MTIME = new Date('2024-11-14T00:00:00Z');

/** Folders and files never shipped in the sources zip: installs, builds, local scratch, secrets. */
const NOT_SOURCES = /^(?:\.git|node_modules|dist|\.scratch|coverage|\.env[^/]*)(?:\/|$)|(?:^|\/)\.DS_Store$/;

/** Every file under `dir`, keyed by its path relative to `dir` with forward slashes. */
function filesUnder(dir: string, skip: (path: string) => boolean = () => false): Zippable {
  const out: Zippable = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const path = relative(dir, full).split('\\').join('/');
      if (skip(path)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out[path] = readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

/** The source files: those git tracks when this is a git checkout, else the tree minus NOT_SOURCES. */
function sourceFiles(): Zippable {
  try {
    const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0').filter((p) => p && !NOT_SOURCES.test(p) && existsSync(join(ROOT, p))).sort();
    if (listed.length > 0) return Object.fromEntries(listed.map((p) => [p, readFileSync(join(ROOT, p))]));
  } catch {
    // Not a git checkout (an unpacked sources zip): walk the tree.
  }
  return filesUnder(ROOT, (p) => NOT_SOURCES.test(p));
}

function sourcesReadme(version: string): string {
  return `# Backstory ${version}: sources

These are the sources of backstory-${version}-firefox.zip, for review. Nothing is minified by hand
and nothing is downloaded at build time; the bundles are made by esbuild from src/.

To rebuild the same add-on:

1. Install Node.js 20.19 or newer (npm comes with it).
2. In this folder: \`npm ci\` (installs the exact versions of package-lock.json).
3. \`npm run package\`: writes dist/backstory-${version}-firefox.zip (and the Chrome zip).
   \`npm run build\` alone writes the unpacked add-on to dist/firefox/.

The bundled pack (assets/packs/*.json) is data, compiled by build/build.ts into
dist/firefox/packs/index-*.bin; see docs/pack-format.md.
`;
}

/** The packages written, with their paths. */
export interface Packages {
  readonly version: string;
  readonly stores: Record<(typeof TARGETS)[number], string>;
  readonly sources: string;
}

/** Writes the store zips and the sources zip into `outDir` from the current dist/ build. */
export function writePackages(outDir: string = DIST): Packages {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const stores = {} as Record<(typeof TARGETS)[number], string>;
  for (const target of TARGETS) {
    const file = join(outDir, `backstory-${version}-${target}.zip`);
    writeFileSync(file, zipSync(filesUnder(join(DIST, target)), { level: 9, mtime: MTIME }));
    stores[target] = file;
  }
  const sources = join(outDir, `backstory-${version}-sources.zip`);
  writeFileSync(sources, zipSync({ ...sourceFiles(), 'SOURCES.md': new TextEncoder().encode(sourcesReadme(version)) }, { level: 9, mtime: MTIME }));
  return { version, stores, sources };
}

/** addons-linter (what addons.mozilla.org runs) on a packaged .zip: its errors and warnings. */
export function lintFirefoxZip(zip: string): { errors: string[]; warnings: string[] } {
  let out: string;
  try {
    out = execFileSync(join(ROOT, 'node_modules/.bin/addons-linter'), [zip, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    // The linter exits non-zero when it finds errors, with the report still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(out) as { errors: { code: string; message: string }[]; warnings: { code: string; message: string }[] };
  return {
    errors: report.errors.map((m) => `${m.code}: ${m.message}`),
    warnings: report.warnings.map((m) => `${m.code}: ${m.message}`),
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  await build();
  const packages = writePackages();
  for (const file of [...Object.values(packages.stores), packages.sources]) {
    console.log(`${relative(ROOT, file)}  ${(statSync(file).size / 1024).toFixed(1)} KiB`);
  }
  const lint = lintFirefoxZip(packages.stores.firefox);
  console.log(`addons-linter on the Firefox zip: ${lint.errors.length} errors, ${lint.warnings.length} warnings`);
  for (const line of [...lint.errors, ...lint.warnings]) console.log(`  ${line}`);
  if (lint.errors.length > 0) process.exit(1);
}
