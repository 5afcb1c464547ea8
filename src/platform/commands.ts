/** The keyboard commands of the manifest's "commands", as the background hears them. */
import { browser } from './browser';

/**
 * Background: calls `listener` with each keyboard command's name and the tab it was pressed in
 * (undefined where it was not a tab). Call it at the background's top level, synchronously (see
 * src/background/main.ts): a background started by the key press hears it only through a
 * listener added while its script first ran.
 */
export function onKeyboardCommand(listener: (command: string, tabId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command, tab) => listener(command, tab?.id));
}
