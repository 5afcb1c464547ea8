/**
 * `npm run build`: bundles each extension context with esbuild, copies assets, and writes
 * dist/chrome and dist/firefox, each with its own manifest from the one manifest.json.
 * `npm run watch` (`--watch`) rebuilds on any change to src/, assets/ or manifest.json.
 */
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesNamedBy, manifestFor, withIndexParts, type SourceManifest, type Target } from './manifest';
import { compileBundled, readBundledPacks, writeIndexParts } from './packs';
import { packsGateSource } from '../src/core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const TARGETS: Target[] = ['chrome', 'firefox'];

/** One bundle per extension context; the file names are the ones manifest.json and the pages use. */
const ENTRIES = {
  content: 'src/content/main.ts',
  background: 'src/background/main.ts',
  popup: 'src/popup/main.ts',
  options: 'src/options/main.ts',
};

/**
 * The content script's engine, an ES module the content script imports once a frame may name
 * someone (src/content/engine.ts): web-accessible, listed in manifest.json.
 */
const MODULES = { engine: 'src/content/engine.ts' };

/**
 * What the content script's loader must never bundle: it runs in every frame of every page, and
 * these belong to the engine (the polyfill, the index and the reader). A stray import of one of
 * them would quietly make every frame pay for it again, so the build refuses it.
 */
const NOT_IN_LOADER = ['node_modules/webextension-polyfill/', 'src/core/match/scan-block.ts', 'src/core/match/serialize.ts', 'src/content/annotator.ts', 'src/content/card/'];

let bundledGateSource: string | undefined;

/**
 * The bundled packs' name gate (src/core/match/gate-words.ts), compiled into the content script: a
 * frame that names nobody rules itself out with it before loading the engine. '' where there is none.
 */
export function bundledGate(): string {
  bundledGateSource ??= packsGateSource(readBundledPacks(ROOT).map((p) => p.pack)) ?? '';
  return bundledGateSource;
}

/** The build's constants: benchmark marks and test hooks off, the bundled packs' name gate. */
export function buildDefines(gate = bundledGate()): Record<string, string> {
  return { __BACKSTORY_BENCH__: 'false', __BACKSTORY_TEST__: 'false', __BACKSTORY_GATE__: JSON.stringify(gate) };
}

export function esbuildOptions(): esbuild.BuildOptions {
  return {
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: join(DIST, 'bundles'),
    bundle: true,
    format: 'iife',
    // Chrome 105 is the manifest's minimum (the Highlight API); Firefox 140 its strict_min_version.
    target: ['chrome105', 'firefox140'],
    // Readable output: store reviewers read it, and the size difference is small.
    minify: false,
    legalComments: 'none',
    // Persian names and letters as UTF-8 (2 bytes a letter) rather than \uXXXX escapes (6): the
    // loader every frame reads holds the name gate's Persian lines. Extensions' scripts are UTF-8.
    charset: 'utf8',
    logLevel: 'warning',
    // Benchmark instrumentation (src/content/bench-marks.ts) and test hooks (src/content/test-hooks.ts)
    // are compiled out; build/bench and build/test-variant.ts build them in.
    define: buildDefines(),
  };
}

/** The options for the content script's engine module (see MODULES), beside esbuildOptions' scripts. */
export function engineOptions(): esbuild.BuildOptions {
  return { ...esbuildOptions(), entryPoints: Object.fromEntries(Object.entries(MODULES).map(([name, file]) => [name, join(ROOT, file)])), format: 'esm' };
}

/**
 * Builds the content script's two files into `outdir`: content.js (the loader, a classic script)
 * and engine.js (an ES module), with `define` over the build's constants. The variants (test hooks,
 * benchmark marks) rebuild both, since both hold hooks. Checks the loader bundled nothing of the engine's.
 */
export async function buildContentScript(outdir: string, define: Record<string, string> = {}): Promise<void> {
  const base = esbuildOptions();
  const defines = { ...base.define, ...define };
  const [loader] = await Promise.all([
    esbuild.build({ ...base, entryPoints: { content: join(ROOT, ENTRIES.content) }, outdir, define: defines, metafile: true }),
    esbuild.build({ ...engineOptions(), outdir, define: defines }),
  ]);
  const inputs = Object.keys(loader.metafile.inputs);
  const strays = inputs.filter((file) => NOT_IN_LOADER.some((part) => file.includes(part)));
  if (strays.length > 0) throw new Error(`content.js, the loader that runs in every frame, bundles the engine's ${strays.join(', ')}: import it from src/content/engine.ts instead`);
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Validates and compiles the bundled packs into dist/packs (the index in parts, plus each pack's
 * JSON); returns the parts' paths inside the extension.
 */
function compilePackAssets(): string[] {
  const packs = readBundledPacks(ROOT);
  const out = join(DIST, 'packs');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const parts = writeIndexParts(out, compileBundled(packs.map((p) => p.pack)));
  for (const { pack } of packs) writeFileSync(join(out, `${pack.id}.json`), JSON.stringify(pack));
  // The packs' ids, for the extension pages (the popup's search).
  writeFileSync(join(out, 'list.json'), JSON.stringify(packs.map((p) => p.pack.id)));
  return parts.map((f) => `packs/${f}`);
}

/** Copies bundles and assets into dist/<target> and writes its manifest; checks every named file exists. */
function assemble(target: Target, indexParts: readonly string[]): void {
  const out = join(DIST, target);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(DIST, 'bundles'), out, { recursive: true });
  cpSync(join(ROOT, 'assets/icons'), join(out, 'icons'), { recursive: true });
  cpSync(join(ROOT, 'assets/_locales'), join(out, '_locales'), { recursive: true });
  cpSync(join(ROOT, 'assets/pages'), out, { recursive: true });
  cpSync(join(DIST, 'packs'), join(out, 'packs'), { recursive: true });
  const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as SourceManifest;
  const manifest = withIndexParts(manifestFor(source, target, packageVersion()), indexParts);
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const missing = filesNamedBy(manifest).filter((f) => !existsSync(join(out, f)));
  if (missing.length > 0) throw new Error(`dist/${target}: manifest names missing files: ${missing.join(', ')}`);
}

/**
 * The `backstory` command line (package.json "bin"): the same core, bundled for Node. happy-dom
 * stays external: it is a runtime dependency that parses the HTML files given to `scan`.
 */
async function buildCli(): Promise<void> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/cli/backstory.ts')],
    outfile: join(DIST, 'cli/backstory.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['happy-dom'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(join(DIST, 'cli/backstory.js'), 0o755);
}

/** Builds both browsers' extensions and the CLI once. */
export async function build(): Promise<void> {
  const { content: _content, ...others } = ENTRIES;
  await Promise.all([
    esbuild.build({ ...esbuildOptions(), entryPoints: Object.fromEntries(Object.entries(others).map(([name, file]) => [name, join(ROOT, file)])) }),
    buildContentScript(join(DIST, 'bundles')),
    buildCli(),
  ]);
  const parts = compilePackAssets();
  for (const target of TARGETS) assemble(target, parts);
}

async function watchMode(): Promise<void> {
  const assembling: esbuild.Plugin = {
    name: 'assemble',
    setup(b) {
      b.onEnd((result) => {
        if (result.errors.length > 0) return;
        try {
          const parts = compilePackAssets();
          for (const target of TARGETS) assemble(target, parts);
          console.log(`${new Date().toLocaleTimeString()} rebuilt dist/chrome and dist/firefox`);
        } catch (error) {
          console.error(error);
        }
      });
    },
  };
  // The contexts' scripts, and the engine module beside them (see buildContentScript).
  const contexts = await Promise.all([
    esbuild.context({ ...esbuildOptions(), plugins: [assembling] }),
    esbuild.context({ ...engineOptions(), plugins: [assembling] }),
  ]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  // esbuild watches the sources it bundles; assets and the manifest are copied, so watch them here.
  let pending: NodeJS.Timeout | undefined;
  const reassemble = () => {
    clearTimeout(pending);
    pending = setTimeout(() => void contexts[0].rebuild().catch((e: unknown) => console.error(e)), 100);
  };
  watch(join(ROOT, 'assets'), { recursive: true }, reassemble);
  watch(join(ROOT, 'manifest.json'), reassemble);
  console.log('watching src/, assets/ and manifest.json; Ctrl-C to stop');
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (process.argv.includes('--watch')) {
    await watchMode();
  } else {
    const started = performance.now();
    await build();
    console.log(`built dist/chrome and dist/firefox in ${Math.round(performance.now() - started)} ms`);
  }
}
