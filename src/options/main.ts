/**
 * The options page. For now the global switch and a reset; later issues add the rest. Every
 * control writes its setting at once and reflects changes made elsewhere (the popup, another tab).
 */
import { localize, t } from '../platform/i18n';
import { loadSettings, resetSettings, updateSettings, watchSettings } from '../platform/settings-store';
import type { Settings } from '../core/settings';

const toggle = document.querySelector<HTMLInputElement>('#enabled')!;
const reset = document.querySelector<HTMLButtonElement>('#reset')!;
const saved = document.querySelector<HTMLElement>('#saved')!;

function show(settings: Settings): void {
  toggle.checked = settings.enabled;
}

function announceSaved(settings: Settings): void {
  show(settings);
  saved.textContent = t('optionsSaved');
}

async function init(): Promise<void> {
  localize(document);
  show(await loadSettings({ writeBack: true }));
  const fail = (error: unknown) => console.error('Backstory: could not save', error);
  toggle.addEventListener('change', () => void updateSettings({ enabled: toggle.checked }).then(announceSaved, fail));
  reset.addEventListener('click', () => void resetSettings().then(announceSaved, fail));
  watchSettings(show, new AbortController().signal);
}

init().catch((error: unknown) => console.error('Backstory: options failed to start', error));
