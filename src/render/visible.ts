// Text from a config or a workspace reaches a terminal, a log or a pull request comment. Control
// characters in it could clear a screen (ESC [2J), rewrite a line (CR) or reorder what a reviewer
// reads (bidirectional overrides), so every renderer shows them as escapes instead of sending them.
import { CONTROL_CHARACTERS, unicodeEscape } from '../model/control-characters.js';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with each control character written as an escape: "\x1b[2J", "\u202e". */
export function visible(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(char));
  });
}
