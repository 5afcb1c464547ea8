/**
 * `npm run package`: builds, then zips each browser's build for its store:
 * dist/backstory-<version>-chrome.zip (Chrome Web Store) and dist/backstory-<version>-firefox.zip
 * (Firefox Add-ons). The manifest sits at the zip's root, as both stores require.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { DIST, ROOT, TARGETS, build } from './build';

/** Every file under `dir`, keyed by its path relative to `dir` with forward slashes. */
function filesUnder(dir: string): Zippable {
  const out: Zippable = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

await build();
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
for (const target of TARGETS) {
  // A fixed timestamp keeps the zip byte-for-byte reproducible from the same build.
  const zip = zipSync(filesUnder(join(DIST, target)), { level: 9, mtime: new Date('2024-11-14T00:00:00Z') });
  const file = join(DIST, `backstory-${version}-${target}.zip`);
  writeFileSync(file, zip);
  console.log(`${relative(ROOT, file)}  ${(zip.length / 1024).toFixed(1)} KiB`);
}
