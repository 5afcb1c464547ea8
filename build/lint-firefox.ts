/**
 * Runs Mozilla's `web-ext lint` on dist/firefox and fails on any error or on any warning other
 * than the ones listed here as expected. Builds first if dist/firefox is missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { DIST, ROOT, build } from './build';

/** Warnings that are understood and accepted (none today: the Firefox manifest has no service worker). */
const EXPECTED_WARNINGS = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);

/**
 * Warnings accepted in one file only, for one reason each. The linter flags any import() whose
 * argument is not a literal; the content script's loader imports its engine from
 * `runtime.getURL('engine.js')`, the extension's own file (a literal path would resolve against
 * the page's address). tests/unit/no-network-calls.test.ts checks that every import() in the
 * bundles takes a runtime.getURL(...).
 */
const ACCEPTED_IN_FILE: readonly { code: string; file: string; message: RegExp }[] = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'content.js', message: /^Unsafe call to import for argument 0$/ },
];

function accepted(m: LintMessage): boolean {
  return EXPECTED_WARNINGS.has(m.code) || ACCEPTED_IN_FILE.some((a) => a.code === m.code && a.file === m.file && a.message.test(m.message));
}

interface LintMessage { code: string; message: string; file?: string }
interface LintReport { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] }

/** Lints dist/firefox; returns the problems that should fail the build. */
export async function lintFirefox(): Promise<string[]> {
  const source = join(DIST, 'firefox');
  if (!existsSync(join(source, 'manifest.json'))) await build();
  let out: string;
  try {
    out = execFileSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', source, '--output', 'json', '--no-input'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // web-ext exits non-zero when it finds errors, with the report still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(out) as LintReport;
  return [
    ...report.errors.map((m) => `error ${m.code}: ${m.message} (${m.file ?? ''})`),
    ...report.warnings.filter((m) => !accepted(m)).map((m) => `warning ${m.code}: ${m.message} (${m.file ?? ''})`),
  ];
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const problems = await lintFirefox();
  if (problems.length > 0) {
    console.error(`web-ext lint on dist/firefox:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('web-ext lint on dist/firefox: 0 errors, 0 unexpected warnings');
}
