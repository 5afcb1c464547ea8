/**
 * The options page's pack section: each installed pack with its version, as-of date and size, a
 * switch, export, and removal for imported ones; and import from a .json file. The background does
 * the work (checks, compiles, stores); this page shows what it answered. A rejected file lists
 * every problem with its JSON path and changes nothing.
 */
import { t } from '../platform/i18n';
import { installedPacks, packText, requestImport, requestRemove, watchInstalledPacks, type ImportResult } from '../platform/pack-store';
import { IMPORT_LIMITS, formatIsoDate, packTooLarge, type PackMeta, type Problem } from '../core';
import type { Settings, SettingsChange } from '../core/settings';

/** How many problems of a rejected pack are listed (the rest are counted). */
const MAX_PROBLEMS_SHOWN = 100;

interface PackSectionOptions {
  readonly save: (change: SettingsChange) => void;
  readonly settings: () => Settings | undefined;
}

/** A problem in the UI's language (`packProblem_<code>`), or as the validator worded it in English. */
function problemWords(p: Problem): string {
  const key = `packProblem_${p.code}`;
  const words = t(key, [...p.args]);
  return words === key ? p.message : words;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

export function setUpPacks(o: PackSectionOptions): { show(settings: Settings): void } {
  const list = document.querySelector<HTMLUListElement>('#packs')!;
  const file = document.querySelector<HTMLInputElement>('#import-file')!;
  const result = document.querySelector<HTMLElement>('#import-result')!;
  const confirmBox = document.querySelector<HTMLElement>('#import-confirm')!;
  const question = document.querySelector<HTMLElement>('#import-question')!;
  const replace = document.querySelector<HTMLButtonElement>('#import-replace')!;
  const keep = document.querySelector<HTMLButtonElement>('#import-keep')!;
  const heading = document.querySelector<HTMLElement>('#packs-heading')!;
  let installed: (PackMeta & { replacesBundled: boolean })[] = [];
  /** The text of a file waiting for the reader's answer to "replace it?". */
  let pending: string | null = null;

  const say = (...nodes: (Node | string)[]) => result.replaceChildren(...nodes);

  function packItem(pack: PackMeta & { replacesBundled: boolean }, settings: Settings | undefined): HTMLLIElement {
    const item = element('li');
    item.dataset.pack = pack.id;
    const title = element('h3', pack.title);
    title.lang = pack.language;
    const origin = pack.imported ? (pack.replacesBundled ? t('optionsPackReplacesBuiltIn') : t('optionsPackImported')) : t('optionsPackBuiltIn');
    const details = element('p', `${t('optionsPackDetails', [pack.version, formatIsoDate(pack.asOf), pack.entities.toLocaleString()])} · ${origin}`, 'hint');
    const actions = element('div', undefined, 'pack-actions');
    const use = element('input');
    use.type = 'checkbox';
    use.className = 'pack-use';
    use.checked = !(settings?.disabledPacks ?? []).includes(pack.id);
    use.setAttribute('aria-label', t('optionsPackUseLabel', pack.title));
    use.addEventListener('change', () => o.save({ kind: 'pack-enabled', id: pack.id, enabled: use.checked }));
    const useLabel = element('label');
    useLabel.append(use, ' ', t('optionsPackUse'));
    const exportButton = element('button', t('optionsPackExport'));
    exportButton.type = 'button';
    exportButton.setAttribute('aria-label', t('optionsPackExportLabel', pack.title));
    exportButton.addEventListener('click', () => void exportPack(pack.id));
    actions.append(useLabel, exportButton);
    if (pack.imported) {
      const remove = element('button', t('optionsPackRemove'));
      remove.type = 'button';
      remove.setAttribute('aria-label', t('optionsPackRemoveLabel', pack.title));
      remove.addEventListener('click', () => {
        requestRemove(pack.id).then(() => {
          say(t('optionsPackRemoved', pack.title));
          heading.focus();
        }, (error: unknown) => console.error('Backstory: could not remove the pack', error));
      });
      actions.append(remove);
    }
    item.append(title, details, actions);
    return item;
  }

  /**
   * Rebuilds the list (after every settings change). A control that had focus gets it back in the
   * new list (the same control of the same pack), so a keyboard reader toggling packs keeps their place.
   */
  function render(): void {
    const active = document.activeElement;
    const had = active instanceof HTMLElement && list.contains(active)
      ? { pack: active.closest<HTMLElement>('li[data-pack]')?.dataset.pack, control: active.className || active.getAttribute('aria-label') }
      : null;
    list.replaceChildren(...installed.map((p) => packItem(p, o.settings())));
    if (!had?.pack) return;
    const item = [...list.querySelectorAll<HTMLElement>('li[data-pack]')].find((li) => li.dataset.pack === had.pack);
    const again = item && [...item.querySelectorAll<HTMLElement>('input, button')].find((el) => (el.className || el.getAttribute('aria-label')) === had.control);
    (again ?? heading).focus();
  }

  async function refresh(): Promise<void> {
    installed = await installedPacks();
    render();
  }

  /** Saves the pack's JSON as a file, named for its id and version. */
  async function exportPack(id: string): Promise<void> {
    const text = await packText(id);
    const meta = installed.find((p) => p.id === id);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = element('a');
    link.href = url;
    link.download = `${id}${meta ? `-${meta.version}` : ''}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  function showResult(answer: ImportResult, text: string): void {
    confirmBox.hidden = true;
    pending = null;
    switch (answer.kind) {
      case 'installed':
        say(answer.replaced
          ? t('optionsImportReplacedDone', [answer.pack.title, answer.replaced.version, answer.pack.version])
          : t('optionsImportDone', [answer.pack.title, answer.pack.entities.toLocaleString()]));
        break;
      case 'problems': {
        const items = answer.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => {
          const li = element('li');
          li.append(element('code', p.path), ' ', problemWords(p));
          return li;
        });
        const ul = element('ul', undefined, 'problems');
        ul.append(...items);
        const more = answer.problems.length > MAX_PROBLEMS_SHOWN
          ? [element('p', t('optionsImportMoreProblems', String(answer.problems.length - MAX_PROBLEMS_SHOWN)))] : [];
        say(element('p', t('optionsImportProblems')), ul, ...more);
        break;
      }
      case 'confirm':
        pending = text;
        say();
        question.textContent = answer.reason === 'same'
          ? t('optionsImportConfirmSame', [answer.installed.title, answer.version])
          : t('optionsImportConfirmOlder', [answer.installed.title, answer.installed.version, answer.version]);
        confirmBox.hidden = false;
        keep.focus();
        break;
    }
  }

  function send(text: string, confirmed: boolean): void {
    say(t('optionsImportBusy'));
    requestImport(text, confirmed).then((answer) => showResult(answer, text), (error: unknown) => {
      console.error('Backstory: the import failed', error);
      say(t('optionsImportUnreadable'));
    });
  }

  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    confirmBox.hidden = true;
    if (!chosen) return;
    // Not even read past the limit: the background would refuse it anyway.
    if (chosen.size > (IMPORT_LIMITS.maxBytes ?? Infinity)) {
      showResult({ kind: 'problems', problems: [packTooLarge(IMPORT_LIMITS.maxBytes ?? 0)] }, '');
      return;
    }
    chosen.text().then((text) => send(text, false), () => say(t('optionsImportUnreadable')));
  });
  replace.addEventListener('click', () => {
    if (pending !== null) send(pending, true);
  });
  keep.addEventListener('click', () => {
    pending = null;
    confirmBox.hidden = true;
    say(t('optionsImportKept'));
    file.focus();
  });
  watchInstalledPacks(() => void refresh(), new AbortController().signal);
  void refresh();
  return { show: () => render() };
}
