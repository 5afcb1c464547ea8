/**
 * The messages between Backstory's contexts, one map per direction (STYLE habit 3). Each listener
 * claims only the types of its own map and checks the sender; a tab's id comes from the sender,
 * never from a payload.
 */

/** The keyboard commands the manifest declares (rebindable in the browser's shortcut settings). */
export const COMMANDS = ['open-card', 'next-mention', 'previous-mention'] as const;
export type Command = (typeof COMMANDS)[number];

/** Background to content script: a keyboard command, for the frame that has focus. */
export interface ToContent {
  'backstory/command': { command: Command };
}

/** Content script (or an extension page) to background. */
export interface ToBackground {
  'backstory/open-options': object;
}

export type Message<M> = { [K in keyof M]: { type: K } & M[K] }[keyof M];

/** Whether `value` is a message of map `M` whose type is one of `types`. */
export function isMessageOf<M>(value: unknown, types: readonly (keyof M)[]): value is Message<M> {
  return typeof value === 'object' && value !== null && types.includes((value as { type?: unknown }).type as keyof M);
}

/** Whether `value` names one of the manifest's commands. */
export function isCommand(value: unknown): value is Command {
  return (COMMANDS as readonly unknown[]).includes(value);
}
