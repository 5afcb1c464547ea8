/**
 * What the popup says of Backstory on the tab: the global switch with its status line, and, for a
 * tab whose script answers, the switch for its site (with the note that a private window stores
 * no site). Switches write the settings at once; every open tab hears them through storage.onChanged.
 */
import type { PageInfo } from '../core';
import { isPausedOn, type Settings } from '../core/settings';
import { t } from '../platform/i18n';
import { updateSettings } from '../platform/settings-store';
import { storableSite, type CurrentTab } from './current-tab';

/** The switches and the section about a running page. */
export interface PageStatus {
  /** Shows the settings on the switches. */
  showSettings(settings: Settings): void;
  /** Shows the section about the page for an answer, or hides it where the tab did not answer. */
  show(page: PageInfo | null): void;
  /** Gives the focus to the site switch. */
  focusSwitch(): void;
  /** Makes the switches save what they are set to; `saved` is handed the settings written. */
  listen(saved: (settings: Settings) => void): void;
}

/** The switches and the `#page` section, for `tab`. */
export function pageStatus(tab: Readonly<Pick<CurrentTab, 'info' | 'details'>>): PageStatus {
  const toggle = document.querySelector<HTMLInputElement>('#enabled')!;
  const status = document.querySelector<HTMLElement>('#status')!;
  const pageSection = document.querySelector<HTMLElement>('#page')!;
  const siteToggle = document.querySelector<HTMLInputElement>('#site-enabled')!;
  const siteLabel = document.querySelector<HTMLElement>('#site-label')!;
  const privateNote = document.querySelector<HTMLElement>('#private-note')!;

  const failedToSave = (error: unknown): void => console.error('Backstory: could not save', error);

  return {
    showSettings(settings) {
      toggle.checked = settings.enabled;
      status.textContent = t(settings.enabled ? 'popupEnabledOn' : 'popupEnabledOff');
      if (tab.info?.site) siteToggle.checked = !isPausedOn(settings, tab.info.site);
      // In a private window Backstory stores no site, so there is no per-site choice to make here.
      siteToggle.disabled = !settings.enabled || tab.details.incognito;
    },
    show(page) {
      pageSection.hidden = page === null;
      if (!page) return;
      siteLabel.textContent = t('popupSiteEnabled', page.site ?? '');
      siteToggle.parentElement!.hidden = !page.site;
      privateNote.hidden = !page.site || !tab.details.incognito;
      if (privateNote.hidden) siteToggle.removeAttribute('aria-describedby');
      else siteToggle.setAttribute('aria-describedby', 'private-note');
    },
    focusSwitch() {
      siteToggle.focus();
    },
    listen(saved) {
      toggle.addEventListener('change', () => {
        updateSettings({ kind: 'patch', patch: { enabled: toggle.checked } }).then(saved, failedToSave);
      });
      siteToggle.addEventListener('change', () => {
        const site = storableSite(tab);
        if (!site) return;
        // Resuming a site paused through its domain ("example.com" for "news.example.com") resumes the domain.
        updateSettings(siteToggle.checked ? { kind: 'resume-site', site } : { kind: 'pause-site', site, paused: true })
          .then(saved, failedToSave);
      });
    },
  };
}
