// Calendar dates (YYYY-MM-DD) and durations (90d, 12w) as the config language writes them.

/** Today's date in UTC, as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True when the date exists on the calendar (rejects 2027-02-30). */
export function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** An `expires` date is the last day of access: expired from the day after. */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

/** Days in a duration such as `90d` or `12w`; undefined when it is not one. */
export function parseDurationDays(text: string): number | undefined {
  const match = /^([1-9][0-9]{0,4})([dw])$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'w' ? 7 : 1);
}

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * A moment as the audit log stores times (UTC, toISOString), so records compare by time: an ISO
 * date (2026-11-22, midnight UTC) or date and time with Z or an offset (2026-11-22T09:30:00+02:00).
 * Undefined for anything else.
 */
export function instantOf(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  const time = match && isRealDate(match[1]!) ? Date.parse(match[1] === text ? `${text}T00:00:00Z` : text) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
