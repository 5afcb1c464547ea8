/**
 * The builds the benchmark loads, under dist/bench/ (git-ignored with the rest of dist/):
 *
 *   chrome, firefox   the normal build with the instrumented content script (__BACKSTORY_BENCH__ true)
 *   chrome-100k       the same for Chromium, with a bundled index of about 100,000 aliases
 *
 * The normal build is made first with build/build.ts's own build(), and checked to hold none of
 * the instrumentation: the benchmark measures what ships plus a handful of clock reads.
 */
import * as esbuild from 'esbuild';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, build, bundledPrefilter, esbuildOptions } from '../build';
import { readBundledPacks, writeIndexParts } from '../packs';
import { withIndexParts, type SourceManifest } from '../manifest';
import { aliasCount, compilePacks, serializeIndex } from '../../src/core';
import { generateBigPack } from './big-pack';

export const BENCH_DIST = join(DIST, 'bench');

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
  /** The instrumented content script, with the prefilter of the index it will load (see bundledPrefilter). */
  const instrumentedWith = async (prefilter: string): Promise<string> => {
    await esbuild.build({
      ...esbuildOptions(),
      entryPoints: { content: join(ROOT, 'src/content/main.ts') },
      outdir: bundles,
      define: { ...esbuildOptions().define, __BACKSTORY_BENCH__: 'true', __BACKSTORY_PREFILTER__: JSON.stringify(prefilter) },
    });
    return readFileSync(join(bundles, 'content.js'), 'utf8');
  };
  const instrumented = await instrumentedWith(bundledPrefilter());
  if (!instrumented.includes('backstory:start')) throw new Error('the benchmark build of content.js has no marks');

  const variant = (from: string, name: string, content = instrumented): string => {
    const out = join(BENCH_DIST, name);
    cpSync(join(DIST, from), out, { recursive: true });
    writeFileSync(join(out, 'content.js'), content);
    return out;
  };
  const chrome = variant('chrome', 'chrome');
  const firefox = variant('firefox', 'firefox');
  const real = readBundledPacks(ROOT).map((p) => p.pack);
  const bigIndex = compilePacks([...real, generateBigPack()]);
  const chrome100k = variant('chrome', 'chrome-100k', await instrumentedWith(bigIndex.prefilter));
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
