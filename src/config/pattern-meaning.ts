// What the patterns of schemas/roster.schema.json mean, in words a person can act on: for config
// diagnostics, and for the server's answers about the change-schema defs that follow the same rules.

/** What each `$defs` pattern means, by the name of the def. */
export const PATTERN_MEANING: Readonly<Record<string, string>> = {
  id: 'an identifier: lower-case letters, digits, "-" and "_", starting with a letter or digit',
  email:
    'an email address: name@domain, without spaces or control characters, with a dot only between non-empty parts (no trailing dot)',
  name: 'a name without control characters or bidirectional marks (they would reach terminals and pull request comments)',
  date: 'a date written YYYY-MM-DD',
};
