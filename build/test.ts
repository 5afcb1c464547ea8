/**
 * `npm test`: everything, in the order that fails fastest. Typecheck, lint (ESLint with the
 * context boundaries, then web-ext lint on the Firefox build), unit and DOM tests, a fresh build,
 * then the end-to-end suite in real Chromium and real Firefox ESR.
 *
 * Where a browser is missing the e2e suite runs in the other one (or not at all), a banner says
 * so and how to install it, and the run still passes, unless E2E_REQUIRED=1 (as on CI).
 * Ends with one line "tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, build } from './build';
import { buildTestVariant } from './test-variant';
import { lintFirefox } from './lint-firefox';
import { INSTALL_HINT, findBrowser, type BrowserName } from './browsers';

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'backstory-test-'));
let passed = 0;
let failed = 0;

function step(title: string): void {
  console.log(`\n=== ${title}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** Runs vitest projects and adds their counts to the totals. */
function vitest(projects: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const out = join(reports, `${projects.join('-')}.json`);
  const ok = run(bin('vitest'), ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numFailedTestSuites?: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A file that failed outside its tests (a hook: the privacy check after all of a file's cases,
    // or a browser that would not start) fails no test but must not read as "0 failed".
    if (!ok && r.numFailedTests === 0) failed += Math.max(1, r.numFailedTestSuites ?? 0);
  } catch {
    failed += 1; // the runner died before reporting
  }
  return ok;
}

function finish(ok: boolean): never {
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(ok && failed === 0 ? 0 : 1);
}

step('typecheck (tsc --noEmit, then src/core alone without DOM, browser or Node types)');
if (!run(bin('tsc'), ['--noEmit']) || !run(bin('tsc'), ['--noEmit', '-p', 'src/core'])) finish(false);

step('lint (eslint)');
if (!run(bin('eslint'), ['.'])) finish(false);

step('unit and DOM tests (vitest, Node and happy-dom)');
const unitOk = vitest(['unit', 'dom']);

step('build');
await build();
await buildTestVariant();

step('lint (web-ext on dist/firefox)');
const webExtProblems = await lintFirefox();
if (webExtProblems.length > 0) {
  console.error(webExtProblems.join('\n'));
  finish(false);
}
console.log('0 errors, 0 unexpected warnings');

step('end-to-end tests in real browsers');
const wanted: BrowserName[] = ['chromium', 'firefox'];
const present = wanted.filter((b) => findBrowser(b));
const missing = wanted.filter((b) => !present.includes(b));
const required = process.env.E2E_REQUIRED === '1';
if (missing.length > 0) {
  const line = '*'.repeat(78);
  console.log(`\n${line}\n  The real-browser suite did NOT run in: ${missing.join(', ')}.\n  ${INSTALL_HINT}\n${line}\n`);
  if (required) {
    console.error('E2E_REQUIRED=1: a missing browser fails the run.');
    finish(false);
  }
}
const e2eOk = present.length === 0 ? true : vitest(['e2e'], { E2E_BROWSERS: present.join(',') });
finish(unitOk && e2eOk);
