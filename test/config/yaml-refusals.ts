// What the config reader refuses although YAML 1.2 allows it: the one list, with the reason for
// each. yaml-suite.test.ts holds the reader to it over the official YAML test suite (each valid case
// listed here is refused with a diagnostic that shows `shows`, every other valid case is read as the
// suite says), and docs/yaml.md shows it as rendered by renderRefusals.

export interface DeliberateRefusal {
  /** What is refused, as the docs name it. */
  what: string;
  /** Why, and what to write instead. */
  why: string;
  /** The words of the diagnostic that refuses it. */
  shows: RegExp;
  /** The YAML test suite's valid cases that hit it: the id, or id/case for a file of several. */
  cases: string[];
}

export const DELIBERATE_REFUSALS: DeliberateRefusal[] = [
  {
    what: 'More than one document in a file (`---` or `...` between documents)',
    why: 'A config file is one mapping. Split the documents into files and list them under `include:`.',
    shows: /a second YAML document starts here/,
    cases: [
      ...['35KP', '5TYM', '6WLZ', '6XDY', '6ZKB', '7Z25', '9DXL', '9KAX', '9WXW', 'JHB9', 'KSS4', 'L383', 'M7A3'],
      ...['NKF9', 'PUW8', 'RZT7', 'U9NS', 'UT92', 'W4TN'],
    ],
  },
  {
    what: 'A `%YAML` directive other than `%YAML 1.2`',
    why: 'Under YAML 1.1 `yes`, `on` and `0777` mean other values than under 1.2, and tools disagree on them; a config is read as YAML 1.2.',
    shows: /a config is YAML 1\.2/,
    cases: ['BEC7', 'MUS6/02', 'MUS6/03', 'MUS6/04'],
  },
  {
    what: 'Tags beyond the core schema (`!local`, `!!set`, `!!omap`, `!!binary`, `!<tag:...>`)',
    why: 'A config holds names, numbers, booleans, lists and mappings; a value that needs another type is a mistake or meant for another tool.',
    shows: /unknown tag/,
    cases: ['2XXW', '565N', '6CK3', '7FWL', 'C4HZ', 'CC74', 'CUP7', 'J7PZ', 'P76L', 'UGM3', 'Z67P', 'Z9M4'],
  },
  {
    what: 'A tag that does not fit its value, or `!` on an empty value',
    why: 'js-yaml keeps the value and drops what the tag means (`!` on nothing gives null, not ""): the data would not be what the file says.',
    shows: /does not fit its value/,
    cases: ['UKK6/02'],
  },
  {
    what: 'A list or mapping as a mapping key (`[a, b]: x`, `? - a`)',
    why: 'Every key in a config is a name; parsers turn such a key into different strings.',
    shows: /a list or mapping is used as a mapping key/,
    cases: [
      ...['4FJ6', '6BFJ', '6PBE', '9MMW', 'KK5P', 'LX3P', 'M2N8/01', 'M5DY', 'Q9WF', 'RZP5', 'SBG9', 'V9D5'],
      'XW4D',
    ],
  },
  {
    what: 'An empty or null key (`: x`, `~: x`, a `?` with no key)',
    why: 'Every key in a config is a name; parsers read an empty key as null, "null" or "".',
    shows: /this mapping key is empty or null/,
    cases: ['6M2F', 'CFD4', 'DFF7', 'FH7J', 'FRK4', 'M2N8/00', 'NHX8', 'PW8X', 'S3PD', 'SM9W/01', 'UKK6/00'],
  },
  {
    what: 'A key twice in one mapping, also as two empty keys or two spellings of one name (`1` and `"1"`)',
    why: 'Which of the two values counts differs between tools; keep one.',
    shows: /this key appears twice|the same name as an earlier key/,
    cases: ['2JQS', 'X38W'],
  },
  {
    what: '`---` directly followed by text on the first line (`---owner: x`)',
    why: 'YAML reads `---owner` as the text, js-yaml as a document start and `owner`; roster will not guess. Put a space after `---`, or quote the text.',
    shows: /the file starts with `---` glued to text/,
    cases: ['82AN'],
  },
  {
    what: 'A flow mapping key over several lines, or with its `:` on the next line (`{ "a"` then `: b }`)',
    why: 'The fast reader (js-yaml) does not read this layout; write each key and its `:` on one line.',
    shows: /a key in a flow mapping/,
    cases: ['4MUZ/00', '4MUZ/01', '4MUZ/02', '5MUD', '9SA2', 'K3WX', 'NJ66', 'VJP3/01'],
  },
  {
    what: 'A block scalar (`|`, `>`) at the top of a file whose lines are not indented',
    why: 'The fast reader (js-yaml) does not read it, and a config is a mapping, not one text.',
    shows: /block scalar .* not indented/,
    cases: ['DK3J', 'FP8R'],
  },
  {
    what: 'A tag directly followed by `,`, `]` or `}` (`[!!str, x]`)',
    why: 'The fast reader (js-yaml) does not read it; write the value after the tag, or remove the tag.',
    shows: /a tag is followed directly by/,
    cases: ['WZ62'],
  },
];

/** The list as docs/yaml.md shows it: one Markdown item each. */
export function renderRefusals(): string {
  return DELIBERATE_REFUSALS.map(
    ({ what, why, cases }) => `- ${what}. ${why} (YAML test suite: ${cases.join(', ')})`,
  ).join('\n');
}
