// "Did you mean" suggestions for misspelt fields, values and references.

/** The candidate nearest to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The member an unknown email was probably meant to be. Emails share their domain, so a plain
 * edit distance finds a colleague (sam@ for pam@); a suggestion needs the same name with a
 * mistyped domain, or the same domain with a name off by a quarter of its letters (a swapped pair
 * counts once). Two equally close members: no suggestion, it would be a guess.
 */
export function closestEmail(email: string, members: readonly string[]): string | undefined {
  const [name, domain] = splitEmail(email.toLowerCase());
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of members) {
    const [otherName, otherDomain] = splitEmail(candidate.toLowerCase());
    const distance =
      name === otherName
        ? within(editDistance(domain, otherDomain), Math.max(1, Math.floor(domain.length / 4)))
        : domain === otherDomain
          ? within(editDistance(name, otherName), Math.floor(name.length / 4))
          : undefined;
    if (distance === undefined || distance > bestDistance) continue;
    tied = distance === bestDistance;
    best = candidate;
    bestDistance = distance;
  }
  return tied ? undefined : best;
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return at < 0 ? [email, ''] : [email.slice(0, at), email.slice(at + 1)];
}

function within(distance: number, limit: number): number | undefined {
  return distance <= limit ? distance : undefined;
}

/** Edits between two words (insert, delete, substitute, or swap two neighbours). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
