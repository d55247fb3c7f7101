/**
 * Lines as the contract tools print them: every character that could make a value of a spec (or
 * a file name) pass for another line, or reorder what a terminal shows, escaped as `\uXXXX`.
 */

/**
 * What is escaped, and why each:
 * - C0 and C1 controls and DEL: a newline or carriage return starts a line; ESC starts an ANSI
 *   sequence that can erase one (`\u001b[2K`); U+0085 (NEL) is a line break too;
 * - U+2028 and U+2029: line and paragraph separators, line breaks to many viewers;
 * - the bidirectional controls (Unicode's Bidi_Control property, UAX #9): U+061C, U+200E,
 *   U+200F, U+202A–U+202E and U+2066–U+2069 make a terminal show text in another order than it
 *   is written ("Trojan Source", CVE-2021-42574), so a value could show as something it is not.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * `line` with every character that could forge a line, or disguise one, escaped as `\uXXXX`.
 *
 * @example
 * ```ts
 * printable("a\nb"); // "a\\u000ab"
 * ```
 */
export const printable = (line: string): string =>
  line.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
