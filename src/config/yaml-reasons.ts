// js-yaml's reasons for refusing a text, reworded for the user. They are shown only when the `yaml`
// package finds nothing wrong with the text: it is then YAML 1.2 that js-yaml does not read, or
// something the config language refuses on purpose, and js-yaml's words for it ("missed comma
// between flow collection entries" for a key whose `:` is on the next line) would mislead.

export const KEY_IS_NO_NAME = 'a list or mapping is used as a mapping key; a key is a name';
export const EMPTY_KEY = 'this mapping key is empty or null; write a name';

/** js-yaml's reason (how it starts) and what the user is told instead. */
const REWORDED: [string, string][] = [
  [
    'missed comma between flow collection entries',
    'a key in a flow mapping (`{ }`) goes on over lines, or its `:` is on the next line; write each key and its `:` on one line',
  ],
  ['incomplete explicit mapping pair', EMPTY_KEY],
  ['nested arrays are not supported inside keys', KEY_IS_NO_NAME],
  [
    'duplicated mapping key',
    'this key is the same name as an earlier key of the mapping (`1` and `"1"` are one name, and a list or mapping is no name); keep one',
  ],
  [
    'missing indentation for block scalar',
    'the lines of this block scalar (`|` or `>`) are not indented; indent them under their key',
  ],
  [
    'tag suffix cannot contain flow indicator characters',
    'a tag is followed directly by `,`, `]` or `}`; write its value after it, or remove the tag',
  ],
];

/** What to tell the user for a refusal of js-yaml's that the yaml package does not share. */
export function rewordedReason(reason: string): string {
  const known = REWORDED.find(([start]) => reason.startsWith(start));
  if (known) return known[1];
  // Unknown tags keep js-yaml's words: they name the tag, and the caller places them at it.
  if (reason.startsWith('unknown tag')) return reason;
  return `the config reader cannot read this form of YAML (it stops here: ${reason}); write this part more plainly`;
}
