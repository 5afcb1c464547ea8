/**
 * The context boundaries of STYLE.md are enforced by ESLint; this proves the rules bite, so a
 * config change that silently drops them fails here. The probes lint made-up code under real file
 * names, because the type-aware parser only accepts files its tsconfig project has.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../build/build';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('context boundaries', () => {
  it('keep the browser API out of the pure core', async () => {
    const problems = await ruleIdsFor('src/core/settings/settings.ts', "import browser from 'webextension-polyfill';\nexport const x = browser;\n");
    expect(problems.join('\n')).toMatch(/no-restricted-imports: .*Only src\/platform/);
  });

  it('keep the DOM out of the pure core', async () => {
    const problems = await ruleIdsFor('src/core/settings/settings.ts', 'export const x = document.title;\n');
    expect(problems.join('\n')).toMatch(/no-restricted-globals: .*no DOM/);
  });

  it('keep one extension context from importing another', async () => {
    const problems = await ruleIdsFor('src/content/main.ts', "import '../background/main';\n");
    expect(problems.join('\n')).toMatch(/src\/content must not import src\/background/);
  });

  it('let the platform module import the polyfill', async () => {
    const problems = await ruleIdsFor('src/platform/i18n.ts', "import browser from 'webextension-polyfill';\nexport const x = browser;\n");
    expect(problems.filter((p) => p.startsWith('no-restricted'))).toEqual([]);
  });

  it('keep the shared card UI free of the browser API and of any one context', async () => {
    const api = await ruleIdsFor('src/ui/card-view.ts', "import { browser } from '../platform/browser';\nexport const x = browser;\n");
    expect(api.join('\n')).toMatch(/src\/ui builds DOM from data for any context/);
    const global = await ruleIdsFor('src/ui/card-view.ts', 'export const x = document.title;\n');
    expect(global.join('\n')).toMatch(/never the global document/);
  });

  it('forbid writing HTML strings into the page', async () => {
    const problems = await ruleIdsFor('src/content/main.ts', "document.body.innerHTML = '<b>x</b>';\n");
    expect(problems.join('\n')).toMatch(/never innerHTML/);
  });
}, 30_000);
