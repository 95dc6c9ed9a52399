// Renders a plan comment as GitHub would (CommonMark + GFM, raw HTML allowed as GitHub allows
// <details> and <sub>) and reads back what a reviewer sees: its elements and its text.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function toHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The elements the plan's own structure uses; anything else was smuggled in by a value. */
export const PLAN_ELEMENTS = new Set([
  'h3',
  'h4',
  'p',
  'strong',
  'blockquote',
  'ul',
  'li',
  'code',
  'details',
  'summary',
  'b',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sub',
]);

export function elementNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => match[1]!.toLowerCase());
}

export function count(html: string, tag: string): number {
  return html.split(tag).length - 1;
}

/** The text a reader sees in an HTML fragment (micromark encodes only these four). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text outside code spans: where GitHub turns "@org/team" into a notification. */
export function textOutsideCode(html: string): string {
  return textOf(html.replace(/<code>[\s\S]*?<\/code>/g, ''));
}

/** The cells of each body row of every table, as text. */
export function bodyCells(html: string): string[][] {
  const bodies = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((match) => match[1]!);
  return bodies.flatMap((body) =>
    [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]!)),
    ),
  );
}
