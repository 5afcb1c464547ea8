// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Context boundaries (../STYLE.md habit 2), enforced here rather than by goodwill:
 * - src/core is pure: it imports nothing from the other folders of src, nor Node's modules;
 * - src/dom turns a DOM it is handed into data (text collection rules), for the content script and
 *   the CLI alike: it may use core, never the browser API, an extension context or src/ui;
 * - src/ui turns data into DOM (the card) for every context that shows it (content script, popup),
 *   in the document it is handed: core only, never the browser API or an extension context;
 * - an extension context never imports another context's code (content never imports background, ...),
 *   and the CLI, which runs in Node, never imports src/platform;
 * - src/platform adapts the browser for the contexts and never imports one of them;
 * - only src/platform touches the browser API: the polyfill, its raw `browser` object (and the
 *   polyfill-free `native` one the content script's loader uses, src/platform/native.ts), and the
 *   `browser` and `chrome` globals are refused everywhere else in src, which calls platform's
 *   functions instead (so dropping the polyfill stays a change to src/platform/browser.ts).
 * ESLint applies the last matching setting of a rule, so each zone below lists everything it
 * refuses, the browser API included (`zone`).
 */
const contexts = ['content', 'background', 'popup', 'options', 'cli'];
const polyfill = { name: 'webextension-polyfill', message: 'Only src/platform talks to the browser API: call its functions.' };
const rawBrowser = {
  group: ['**/platform/browser', '**/platform/native'],
  importNames: ['browser', 'native'],
  message: 'Only src/platform uses the raw browser object: call a platform function (add one if none fits).',
};
const browserGlobals = ['browser', 'chrome'].map((name) => ({ name, message: `Only src/platform talks to the browser API (${name}.*): call its functions.` }));

/** Import patterns for src/`folder`, however deep the importer: `../dom`, `../../dom/blocks`. */
const folder = (/** @type {string} */ name) => [`**/${name}`, `**/${name}/**`];

/**
 * @typedef {{ imports?: { group: string[], message: string }[], globals?: { name: string, message: string }[] }} Refused
 * What a folder must not import (patterns) nor use (globals), besides the browser API.
 */

/**
 * The rules for code outside src/platform: what `refused` lists, and always the browser API.
 * @param {Refused} refused
 */
function refusing({ imports = [], globals = [] } = {}) {
  return {
    'no-restricted-imports': ['error', { paths: [polyfill], patterns: [...imports, rawBrowser] }],
    'no-restricted-globals': ['error', ...globals, ...browserGlobals],
  };
}

/**
 * The rules for the folder src/`name`.
 * @param {string} name
 * @param {Refused} refused
 */
function zone(name, refused) {
  return { files: [`src/${name}/**/*.ts`], rules: refusing(refused) };
}

/** @param {string} self an extension context */
function contextBoundary(self) {
  const others = contexts.filter((c) => c !== self).map((c) => ({
    group: folder(c),
    message: `src/${self} must not import src/${c}: share code through src/core or src/platform.`,
  }));
  const platform = self === 'cli'
    ? [{ group: folder('platform'), message: 'src/cli runs in Node: it must not import src/platform (the browser API).' }]
    : [];
  return zone(self, { imports: [...others, ...platform] });
}

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', {
        selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
        message: 'Page and pack text is written with textContent, never innerHTML.',
      }, {
        selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
        message: 'Page and pack text is written with textContent, never insertAdjacentHTML.',
      }],
    },
  },
  // Anywhere else in src (a new folder, a file at its top): the browser API at least.
  { files: ['src/**/*.ts'], ignores: ['src/platform/**'], rules: refusing() },
  zone('core', {
    imports: [{
      group: [...['platform', 'dom', 'ui', ...contexts].flatMap(folder), 'node:*'],
      message: 'src/core is pure: no browser, DOM or Node imports, and nothing from the other folders of src.',
    }],
    globals: [
      { name: 'document', message: 'src/core is pure: no DOM.' },
      { name: 'window', message: 'src/core is pure: no DOM.' },
    ],
  }),
  ...contexts.map(contextBoundary),
  zone('dom', {
    imports: [{
      group: [...folder('platform'), ...contexts.flatMap(folder)],
      message: 'src/dom works on the DOM it is handed: no browser API, no extension context.',
    }, {
      group: folder('ui'),
      message: 'src/dom turns DOM into data: it must not import src/ui, which turns data into DOM.',
    }],
    globals: [
      { name: 'document', message: 'src/dom works on the nodes it is handed, never the global document.' },
      { name: 'window', message: 'src/dom works on the nodes it is handed, never the global window.' },
    ],
  }),
  zone('ui', {
    imports: [{
      group: [...folder('platform'), ...folder('dom'), ...contexts.flatMap(folder)],
      message: 'src/ui builds DOM from data for any context: core only, no browser API, no extension context.',
    }],
    globals: [
      { name: 'document', message: 'src/ui builds in the document it is handed, never the global document.' },
      { name: 'window', message: 'src/ui works in the document it is handed, never the global window.' },
    ],
  }),
  {
    // The adapters: the browser API is theirs, but they serve the contexts and import none of them.
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: contexts.map((c) => ({
          group: folder(c),
          message: `src/platform must not import src/${c}: a context calls platform, never the other way round.`,
        })),
      }],
    },
  },
  {
    files: ['build/**/*.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests build their fixture DOMs from HTML strings.
      'no-restricted-syntax': 'off',
    },
  },
);
