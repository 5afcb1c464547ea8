/**
 * The content script's side of the messaging of ./messaging.ts: what it hears from the background
 * and the popup, and what it tells the background. Native API only (./native.ts): the content
 * script's loader listens in every frame. Each listener claims only its own message types, and
 * answers through `sendResponse` (Chrome ignores a returned Promise).
 */
import { native } from './native';
import { isCommand, isMessageOf, type Command, type PageInfo, type ToBackground, type ToContent } from '../core/messages/protocol';

type Listener = (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => true | undefined;

function listen(listener: Listener, signal: AbortSignal): void {
  native.runtime.onMessage.addListener(listener as Parameters<typeof native.runtime.onMessage.addListener>[0]);
  signal.addEventListener('abort', () => native.runtime.onMessage.removeListener(listener as Parameters<typeof native.runtime.onMessage.removeListener>[0]), { once: true });
}

/** Content script: calls `handler` with each keyboard command sent to this tab, until `signal` aborts. */
export function onCommand(handler: (command: Command) => void, signal: AbortSignal): void {
  listen((message) => {
    if (isMessageOf<ToContent>(message, ['backstory/command']) && message.type === 'backstory/command' && isCommand(message.command)) handler(message.command);
    return undefined;
  }, signal);
}

/**
 * Content script: answers the popup (what is on this page; show an entity), in the top frame only,
 * until `signal` aborts.
 */
export function onPopupRequest(handlers: { pageInfo(): PageInfo | Promise<PageInfo>; showEntity(key: string): void }, signal: AbortSignal): void {
  if (window.top !== window) return;
  listen((message, _sender, sendResponse) => {
    if (isMessageOf<ToContent>(message, ['backstory/page-info'])) {
      Promise.resolve(handlers.pageInfo()).then(sendResponse, (error: unknown) => {
        console.error('Backstory: could not tell the popup what this page shows', error);
        sendResponse(null);
      });
      return true;
    }
    if (isMessageOf<ToContent>(message, ['backstory/show-entity']) && message.type === 'backstory/show-entity' && typeof message.key === 'string') {
      handlers.showEntity(message.key);
      sendResponse(null);
    }
    return undefined;
  }, signal);
}

/** Content script (any frame): calls `handler` with text the reader asked to explain, until `signal` aborts. */
export function onExplain(handler: (text: string) => void, signal: AbortSignal): void {
  listen((message) => {
    if (isMessageOf<ToContent>(message, ['backstory/explain']) && message.type === 'backstory/explain' && typeof message.text === 'string') handler(message.text);
    return undefined;
  }, signal);
}

/** Content script (top frame): tells the background how many entities to show on the badge. */
export function setBadgeCount(count: number): void {
  if (window.top !== window) return;
  const message: { type: 'backstory/badge' } & ToBackground['backstory/badge'] = { type: 'backstory/badge', count };
  native.runtime.sendMessage(message).catch(() => undefined);
}

/** Content script: asks the background to open the options page (content scripts cannot). */
export function openOptionsPage(): void {
  const message: { type: 'backstory/open-options' } & ToBackground['backstory/open-options'] = { type: 'backstory/open-options' };
  native.runtime.sendMessage(message).catch((error: unknown) => console.error('Backstory: could not open the settings', error));
}
