// Hidden markers: an HTML comment at the top of a comment roster writes, so a later run finds its
// own comment again (GitHub hides HTML comments when it renders Markdown but keeps them in the
// body the API returns). The data is JSON with `<`, `>` and `-` written as \u escapes: the text
// can then never close the comment (`-->`, `--!>`) or open another, whatever the values hold.

const KIND = /^[a-z]+(?:-[a-z]+)*$/;
const MARKER = /<!-- roster:([a-z]+(?:-[a-z]+)*) (\{[^<>]*?\}) -->/;

export type MarkerData = Record<string, string>;

export interface Marker {
  kind: string;
  data: MarkerData;
}

/** `<!-- roster:plan {"digest":"…","head":"…"} -->`; kind is lowercase words joined by single dashes. */
export function hiddenMarker(kind: string, data: MarkerData = {}): string {
  if (!KIND.test(kind))
    throw new TypeError(`a marker kind is lowercase words joined by "-", not ${JSON.stringify(kind)}`);
  const json = JSON.stringify(data).replace(/[<>-]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<!-- roster:${kind} ${json} -->`;
}

/** The first roster marker in a body, or undefined when there is none (or it is not ours). */
export function readMarker(body: string): Marker | undefined {
  const match = MARKER.exec(body);
  if (!match) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(match[2]!);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  if (!Object.values(data).every((value) => typeof value === 'string')) return undefined;
  return { kind: match[1]!, data: data as MarkerData };
}
