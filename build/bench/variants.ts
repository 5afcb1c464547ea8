/**
 * The builds the benchmark loads, under dist/bench/ (git-ignored with the rest of dist/):
 *
 *   chrome, firefox   the normal build with the instrumented content script (__BACKSTORY_BENCH__ true)
 *   chrome-100k       the same for Chromium, with a bundled index of about 100,000 aliases
 *
 * The normal build is made first with build/build.ts's own build(), and checked to hold none of
 * the instrumentation: the benchmark measures what ships plus a handful of clock reads.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, build, buildContentScript, buildDefines, bundledGate } from '../build';
import { readBundledPacks, writeIndexParts } from '../packs';
import { withIndexParts, type SourceManifest } from '../manifest';
import { aliasCount, compilePacks, packsGateSource, serializeIndex } from '../../src/core';
import { generateBigPack } from './big-pack';

export const BENCH_DIST = join(DIST, 'bench');

/** The content script's two files (see buildContentScript). */
interface Bundles {
  content: string;
  engine: string;
}

export interface Variants {
  chrome: string;
  firefox: string;
  chrome100k: string;
  /** Aliases in the normal and the big index. */
  aliases: number;
  aliases100k: number;
  /** Every alias text of the bundled packs, for the baselines. */
  aliasTexts: string[];
}

/** Builds dist/ and the benchmark variants; throws if the production content script is instrumented. */
export async function buildVariants(): Promise<Variants> {
  await build();
  const production = readFileSync(join(DIST, 'chrome/content.js'), 'utf8');
  if (production.includes('backstory:start')) throw new Error('dist/chrome/content.js contains benchmark marks: __BACKSTORY_BENCH__ is not compiled out');

  rmSync(BENCH_DIST, { recursive: true, force: true });
  const bundles = join(BENCH_DIST, 'bundles');
  /** The instrumented content script, with the name gate of the index it will load (see bundledGate). */
  const instrumentedWith = async (gate: string): Promise<Bundles> => {
    await buildContentScript(bundles, { ...buildDefines(gate), __BACKSTORY_BENCH__: 'true' });
    return { content: readFileSync(join(bundles, 'content.js'), 'utf8'), engine: readFileSync(join(bundles, 'engine.js'), 'utf8') };
  };
  const instrumented = await instrumentedWith(bundledGate());
  if (!instrumented.engine.includes('backstory:start')) throw new Error('the benchmark build of content.js has no marks');

  const variant = (from: string, name: string, content = instrumented): string => {
    const out = join(BENCH_DIST, name);
    cpSync(join(DIST, from), out, { recursive: true });
    writeFileSync(join(out, 'content.js'), content.content);
    writeFileSync(join(out, 'engine.js'), content.engine);
    return out;
  };
  const chrome = variant('chrome', 'chrome');
  const firefox = variant('firefox', 'firefox');
  const real = readBundledPacks(ROOT).map((p) => p.pack);
  const bigPack = generateBigPack();
  const bigIndex = compilePacks([...real, bigPack]);
  const chrome100k = variant('chrome', 'chrome-100k', await instrumentedWith(packsGateSource([...real, bigPack]) ?? ''));
  for (const f of readdirSync(join(chrome100k, 'packs'))) if (f.endsWith('.bin')) rmSync(join(chrome100k, 'packs', f));
  const parts = writeIndexParts(join(chrome100k, 'packs'), new Uint8Array(serializeIndex(bigIndex))).map((f) => `packs/${f}`);
  const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as SourceManifest;
  const manifest = JSON.parse(readFileSync(join(chrome100k, 'manifest.json'), 'utf8')) as SourceManifest;
  manifest.web_accessible_resources = withIndexParts(source, parts).web_accessible_resources;
  writeFileSync(join(chrome100k, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  return {
    chrome,
    firefox,
    chrome100k,
    aliases: aliasCount(compilePacks(real)),
    aliases100k: aliasCount(bigIndex),
    aliasTexts: [...new Set(real.flatMap((p) => p.entities.flatMap((e) => [e.name, ...e.aliases.map((a) => a.text)])))],
  };
}
