/**
 * Messaging between the content script and the background, over the typed maps of
 * src/core/messages. Each side claims only its own message types (a listener that returned a
 * Promise for every message would claim the others' too).
 */
import { browser, type Runtime } from './browser';
import { isCommand, isMessageOf, type Command, type ToBackground, type ToContent } from '../core';

/** Content script: calls `handler` with each keyboard command sent to this tab, until `signal` aborts. */
export function onCommand(handler: (command: Command) => void, signal: AbortSignal): void {
  const listener = (message: unknown): undefined => {
    if (isMessageOf<ToContent>(message, ['backstory/command']) && isCommand(message.command)) handler(message.command);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}

/** Content script: asks the background to open the options page (content scripts cannot). */
export function openOptionsPage(): void {
  const message: { type: 'backstory/open-options' } & ToBackground['backstory/open-options'] = { type: 'backstory/open-options' };
  browser.runtime.sendMessage(message).catch((error: unknown) => console.error('Backstory: could not open the settings', error));
}

/** Background: sends a keyboard command to every frame of `tabId` (the focused frame acts on it). */
export async function sendCommand(tabId: number, command: Command): Promise<void> {
  const message: { type: 'backstory/command' } & ToContent['backstory/command'] = { type: 'backstory/command', command };
  await browser.tabs.sendMessage(tabId, message);
}

/** Background: handles the content script's requests. */
export function onBackgroundMessage(handlers: { openOptions(): Promise<void> }): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own extension's pages and content scripts.
    if (sender.id !== browser.runtime.id) return undefined;
    if (isMessageOf<ToBackground>(message, ['backstory/open-options'])) return handlers.openOptions();
    return undefined;
  });
}
