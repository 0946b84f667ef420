// Text from a roster or a policy made safe to print on a terminal: control characters become visible `\u001b` escapes.
/* eslint-disable no-control-regex -- these patterns look for control characters on purpose */

/** C0 controls, DEL and C1 controls: a terminal may act on them (colours, cursor moves, a title, a hidden line). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same, but tab, newline and CR LF kept: for output laid out by them (a CSV file). */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/** The visible escape of one character, e.g. `\u001b`. */
export const escapeChar = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Every control character of `text` (tab and line breaks too) as its visible escape. */
export function visible(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** Every control character of `text` as its visible escape, except tabs and line breaks (LF, CR LF). */
export function visibleKeepingLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, escapeChar);
}

/** Whether one character is shown as an escape by `visible`. */
export const isControl = (ch: string): boolean => ch.length === 1 && /[\u0000-\u001f\u007f-\u009f]/.test(ch);
