// Counts in messages read as English: "1 member", "2 members".

/** `n` and the noun, plural unless n is 1 (nouns here take a plain "s"). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
