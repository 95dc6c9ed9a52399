// The rules an email must meet to name a new person, wherever it enters (a config, the server):
// nothing a reader cannot see (control characters, bidirectional marks, zero-width and other
// default-ignorable code points) and no look-alike of someone already there (same TR39 skeleton).
import { skeleton } from './confusables.js';
import { CONTROL_CHARACTERS, unicodeEscape } from './control-characters.js';
import { normalizeEmail } from './state.js';

const UNSEEN = new RegExp(`${CONTROL_CHARACTERS.source}|\\p{Default_Ignorable_Code_Point}`, 'u');

/** Why `email` cannot name a person because a reader cannot see all of it, or undefined. */
export function unseenProblem(email: string): string | undefined {
  const found = UNSEEN.exec(email)?.[0];
  if (found === undefined) return undefined;
  const code = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = email.replace(new RegExp(UNSEEN.source, 'gu'), (char) => unicodeEscape(char));
  return `${shown} contains ${code}, a character a reader cannot see; write the email with visible characters only`;
}

/** The key two emails that look the same share. */
export function lookKey(email: string): string {
  return skeleton(normalizeEmail(email));
}
