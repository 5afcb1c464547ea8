/**
 * The page's per-site choices, "Not this one here" and "Pause on this site": stored through the
 * background in a normal window; in a private window kept by this page alone (until it is left)
 * and never stored, so nothing records which sites were read there.
 */
import { hiddenOn, isPausedOn, type Settings, type SettingsChange } from '../core/settings';

export class SiteChoices {
  private pausedHere = false;
  private readonly hiddenHere = new Set<string>();

  /**
   * `site`: the page's hostname (null for pages without one); `save` sends a change to the
   * background; `changed` is called when a choice kept locally changes what the page shows.
   */
  constructor(
    private readonly site: string | null,
    private readonly privateWindow: boolean,
    private readonly save: (change: SettingsChange) => void,
    private readonly changed: () => void,
  ) {}

  /** "Not this one here" for the entity with this key. */
  hide(key: string): void {
    if (this.privateWindow) {
      this.hiddenHere.add(key);
      this.changed();
    } else if (this.site) this.save({ kind: 'hide-entity', site: this.site, key, hidden: true });
  }

  /** "Pause on this site". */
  pause(): void {
    if (this.privateWindow) {
      this.pausedHere = true;
      this.changed();
    } else if (this.site) this.save({ kind: 'pause-site', site: this.site, paused: true });
  }

  /** Whether Backstory is paused on this page: by the stored settings, or here alone. */
  paused(settings: Settings): boolean {
    return this.pausedHere || (this.site !== null && isPausedOn(settings, this.site));
  }

  /** The entity keys hidden on this page. */
  hidden(settings: Settings): ReadonlySet<string> {
    const stored = this.site ? hiddenOn(settings, this.site) : new Set<string>();
    return this.hiddenHere.size === 0 ? stored : new Set([...stored, ...this.hiddenHere]);
  }
}
