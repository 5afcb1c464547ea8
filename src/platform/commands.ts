/** The keyboard commands of the manifest's "commands", as the background hears them. */
import { browser } from './browser';

/**
 * Background: calls `listener` with each keyboard command's name and the tab it was pressed in
 * (undefined where it was not a tab). Call it at the top level of the background, synchronously:
 * a background the key press woke up hears it only through a listener registered before its
 * first turn ends.
 */
export function onKeyboardCommand(listener: (command: string, tabId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command, tab) => listener(command, tab?.id));
}
