/**
 * The toolbar popup: the global on/off switch. The switch writes the setting at once; every open
 * tab hears it through storage.onChanged and paints or clears its highlights without a reload.
 */
import { browser } from '../platform/browser';
import { localize, t } from '../platform/i18n';
import { loadSettings, updateSettings, watchSettings } from '../platform/settings-store';
import type { Settings } from '../core/settings';

const toggle = document.querySelector<HTMLInputElement>('#enabled')!;
const status = document.querySelector<HTMLElement>('#status')!;
const optionsLink = document.querySelector<HTMLAnchorElement>('#open-options')!;

function show(settings: Settings): void {
  toggle.checked = settings.enabled;
  status.textContent = t(settings.enabled ? 'popupEnabledOn' : 'popupEnabledOff');
}

async function init(): Promise<void> {
  localize(document);
  show(await loadSettings({ writeBack: true }));
  toggle.addEventListener('change', () => {
    updateSettings({ enabled: toggle.checked }).then(show, (error: unknown) => console.error('Backstory: could not save', error));
  });
  optionsLink.addEventListener('click', (event) => {
    event.preventDefault();
    browser.runtime.openOptionsPage().then(() => window.close(), (error: unknown) => console.error(error));
  });
  watchSettings(show, new AbortController().signal);
}

init().catch((error: unknown) => console.error('Backstory: popup failed to start', error));
