// Text from a config or a workspace reaches a terminal, a log or a pull request comment. Control
// characters in it could clear a screen (ESC [2J), rewrite a line (CR) or reorder what a reviewer
// reads (bidirectional overrides), so every renderer shows them as escapes instead of sending them.

/** C0, DEL, C1, the bidirectional marks and overrides, and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with each control character written as an escape: "\x1b[2J", "\u202e". */
export function visible(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 0x100 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
  });
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
