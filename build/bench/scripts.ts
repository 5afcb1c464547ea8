/**
 * The page-side scripts of the baselines, as text to inject: ./page-baselines.ts bundled for the
 * browser, and mark.js from node_modules (no network: the page gets the file's text).
 */
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../build';
import type { BaselineScripts } from './drive';

/** Bundles the baselines and reads mark.js's minified build. */
export async function baselineScripts(): Promise<BaselineScripts> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'build/bench/page-baselines.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome105', 'firefox140'],
    logLevel: 'warning',
  });
  const require = createRequire(join(ROOT, 'package.json'));
  const markjs = readFileSync(require.resolve('mark.js/dist/mark.min.js'), 'utf8');
  return { baselines: result.outputFiles[0]!.text, markjs };
}
