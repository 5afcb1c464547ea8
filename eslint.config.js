// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Context boundaries (../STYLE.md habit 2), enforced here rather than by goodwill:
 * - src/core is pure: it imports nothing from the browser-side folders and never the polyfill;
 * - src/dom turns a DOM it is handed into data (text collection rules), for the content script and
 *   the CLI alike: it may use core, never the browser API or an extension context;
 * - src/ui turns data into DOM (the card) for every context that shows it (content script, popup),
 *   in the document it is handed: core only, never the browser API or an extension context;
 * - only src/platform imports webextension-polyfill;
 * - an extension context never imports another context's code (content never imports background, ...).
 */
const contexts = ['content', 'background', 'popup', 'options', 'cli'];
const polyfill = { name: 'webextension-polyfill', message: 'Only src/platform talks to the browser API.' };

/** @param {string} self */
function contextBoundary(self) {
  return {
    files: [`src/${self}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [polyfill],
        patterns: contexts.filter((c) => c !== self).map((c) => ({
          group: [`**/${c}/**`, `../${c}`, `../${c}/*`],
          message: `src/${self} must not import src/${c}: share code through src/core or src/platform.`,
        })),
      }],
    },
  };
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
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [polyfill],
        patterns: [{
          group: ['**/platform/**', '**/content/**', '**/background/**', '**/popup/**', '**/options/**', '**/cli/**', 'node:*'],
          message: 'src/core is pure: no browser, DOM or Node imports.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'src/core is pure: no DOM.' },
        { name: 'window', message: 'src/core is pure: no DOM.' },
        { name: 'browser', message: 'src/core is pure: no browser API.' },
        { name: 'chrome', message: 'src/core is pure: no browser API.' },
      ],
    },
  },
  ...contexts.map(contextBoundary),
  {
    files: ['src/dom/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [polyfill],
        patterns: [{
          group: ['**/platform/**', ...contexts.map((c) => `**/${c}/**`)],
          message: 'src/dom works on the DOM it is handed: no browser API, no extension context.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'src/dom works on the nodes it is handed, never the global document.' },
        { name: 'window', message: 'src/dom works on the nodes it is handed, never the global window.' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [polyfill],
        patterns: [{
          group: ['**/platform/**', '**/dom/**', ...contexts.map((c) => `**/${c}/**`)],
          message: 'src/ui builds DOM from data for any context: core only, no browser API, no extension context.',
        }],
      }],
      'no-restricted-globals': ['error',
        { name: 'document', message: 'src/ui builds in the document it is handed, never the global document.' },
        { name: 'window', message: 'src/ui works in the document it is handed, never the global window.' },
      ],
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
