/**
 * The context boundaries of STYLE.md are enforced by ESLint, and core's purity also by its own
 * tsconfig; this proves the rules bite, so a config change that silently drops them fails here.
 * The probes lint made-up code under real file names, because the type-aware parser only accepts
 * files its tsconfig project has.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../build/build';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const CORE_TSCONFIG = join(ROOT, 'src/core/tsconfig.json');

/** src/core/tsconfig.json, as tsc reads it: its options and the files it covers. */
function coreConfig(): ts.ParsedCommandLine {
  const { config, error } = ts.readConfigFile(CORE_TSCONFIG, (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, join(ROOT, 'src/core'));
}

/**
 * The type errors of `code` as a module of src/core under core's tsconfig, with its ambient
 * declarations (the .d.ts files it covers) and nothing else.
 */
function coreTypeErrors(code: string): string[] {
  const { options, fileNames } = coreConfig();
  const probe = join(ROOT, 'src/core/lint-probe.ts');
  const real = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...real,
    getSourceFile: (name, language, ...rest) => (name === probe ? ts.createSourceFile(name, code, language) : real.getSourceFile(name, language, ...rest)),
    fileExists: (name) => name === probe || real.fileExists(name),
    readFile: (name) => (name === probe ? code : real.readFile(name)),
  };
  const program = ts.createProgram({ rootNames: [probe, ...fileNames.filter((f) => f.endsWith('.d.ts'))], options, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Every .ts file under `dir`. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
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

  it('keep the DOM side and the card UI out of the pure core', async () => {
    const dom = await ruleIdsFor('src/core/settings/settings.ts', "import { BlockWalker } from '../../dom/blocks';\nexport const x = BlockWalker;\n");
    expect(dom.join('\n')).toMatch(/no-restricted-imports: .*src\/core is pure/);
    const ui = await ruleIdsFor('src/core/index.ts', "import '../ui/card-view';\n");
    expect(ui.join('\n')).toMatch(/no-restricted-imports: .*src\/core is pure/);
  });

  it('keep the browser platform out of the Node command line', async () => {
    const problems = await ruleIdsFor('src/cli/commands.ts', "import { t } from '../platform/i18n';\nexport const x = t;\n");
    expect(problems.join('\n')).toMatch(/src\/cli runs in Node: it must not import src\/platform/);
  });

  it('keep every extension context out of the platform adapters', async () => {
    for (const context of ['content', 'background', 'popup', 'options', 'cli']) {
      const problems = await ruleIdsFor('src/platform/messaging.ts', `import '../${context}/main';\n`);
      expect(problems.join('\n'), context).toMatch(new RegExp(`src/platform must not import src/${context}:`));
    }
  });

  it('keep the card UI out of the DOM-to-data side', async () => {
    const problems = await ruleIdsFor('src/dom/blocks.ts', "import { renderCard } from '../ui/card-view';\nexport const x = renderCard;\n");
    expect(problems.join('\n')).toMatch(/src\/dom turns DOM into data: it must not import src\/ui/);
  });

  it('keep browser.* and chrome.* inside src/platform', async () => {
    const files = ['src/background/main.ts', 'src/content/main.ts', 'src/popup/main.ts', 'src/options/main.ts', 'src/cli/commands.ts', 'src/dom/blocks.ts', 'src/ui/card-view.ts', 'src/core/index.ts'];
    for (const file of files) {
      const globals = await ruleIdsFor(file, 'export const a = browser.runtime.id;\nexport const b = chrome.runtime.id;\n');
      expect(globals.join('\n'), file).toMatch(/no-restricted-globals: .*Only src\/platform talks to the browser API \(browser\.\*\)/);
      expect(globals.join('\n'), file).toMatch(/no-restricted-globals: .*Only src\/platform talks to the browser API \(chrome\.\*\)/);
      const polyfill = await ruleIdsFor(file, "import browser from 'webextension-polyfill';\nexport const x = browser;\n");
      expect(polyfill.join('\n'), file).toMatch(/no-restricted-imports: .*Only src\/platform talks to the browser API/);
    }
    const raw = await ruleIdsFor('src/background/main.ts', "import { browser } from '../platform/browser';\nexport const x = browser;\n");
    expect(raw.join('\n')).toMatch(/Only src\/platform uses the raw browser object/);
    // Platform's own functions stay open to every context.
    const functions = await ruleIdsFor('src/background/main.ts', "import { extensionAlive } from '../platform/native';\nexport const x = extensionAlive;\n");
    expect(functions.filter((p) => p.startsWith('no-restricted'))).toEqual([]);
  });

  it('let the platform modules use the raw browser object', async () => {
    const problems = await ruleIdsFor('src/platform/menus.ts', "import { browser } from './browser';\nexport const x = browser.runtime.id;\n");
    expect(problems.filter((p) => p.startsWith('no-restricted'))).toEqual([]);
  });
}, 60_000);

describe('core tsconfig', () => {
  it('covers every file of src/core', () => {
    const covered = new Set(coreConfig().fileNames.map((f) => join(f)));
    expect(tsFiles(join(ROOT, 'src/core')).filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each([
    ['document', 'export const x = document.title;\n'],
    ['Element', 'export const tagOf = (el: Element): string => el.tagName;\n'],
    ['navigator', 'export const x = navigator.language;\n'],
    ['chrome', 'export const x = chrome.runtime.id;\n'],
  ])('rejects %s in core', (name, code) => {
    expect(coreTypeErrors(code).join('\n')).toMatch(new RegExp(`Cannot find name '${name}'`));
  });

  it('declares what core takes from every platform: URL, TextEncoder, TextDecoder', () => {
    const code = "export const host = new URL('https://news.example/a').hostname;\nexport const text = new TextDecoder().decode(new TextEncoder().encode('Musk'));\n";
    expect(coreTypeErrors(code)).toEqual([]);
  });

  it('is what npm run typecheck and npm test check', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.typecheck).toMatch(/tsc --noEmit -p src\/core\b/);
    expect(readFileSync(join(ROOT, 'build/test.ts'), 'utf8')).toContain("['--noEmit', '-p', 'src/core']");
  });
}, 30_000);
