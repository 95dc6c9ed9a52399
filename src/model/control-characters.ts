// Characters a terminal acts on or that reorder what a reader sees: C0, DEL, C1, the
// bidirectional marks and overrides, and the line and paragraph separators. Names may not hold
// them (schemas/roster.schema.json says the same); output shows them as escapes.
export const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** "\u202e" for one of them: an escape that JSON, YAML and JavaScript read back as the character. */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
