// What a workspace URL answers is input like any other: a proxy's sign-in page, a captive portal,
// the wrong service on that port, a body cut off on the way or a server of another version all
// answer 200 with something that is not roster's API. Every answer is read whole, parsed and
// checked against the API description (schemas/workspace-api.yaml, compiled by
// scripts/schema-validators.mjs) before any field of it is used; one that does not fit is a
// ProviderError naming the URL, the status, the content type and the first words of the body.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { visible } from '../../render/visible.js';
import { ProviderError } from '../provider.js';

/** How much of an unexpected body a message quotes: the first words, enough to recognise a page. */
const EXCERPT_CHARS = 160;

/** The body, as far as it arrived, and why it stopped early (a connection cut mid-body). */
async function readBody(response: Response): Promise<{ text: string; brokeOff?: string }> {
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) chunks.push(read.value);
  } catch (error) {
    return { text: Buffer.concat(chunks).toString('utf8'), brokeOff: (error as Error).message };
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * The answer's JSON body if it is what `validate` describes; a ProviderError saying what came
 * instead. After a write (`isWrite`) such an answer leaves its outcome unknown: whatever answered
 * may have passed the request on.
 */
export async function readAnswer<T>(
  response: Response,
  url: URL,
  validate: ValidateFunction,
  isWrite: boolean,
): Promise<T> {
  const { text, brokeOff } = await readBody(response);
  const misfit = (reason: string) =>
    new ProviderError('unexpected-answer', describeAnswer(response, url, text, reason), [], isWrite);
  if (brokeOff !== undefined) throw misfit(`the body broke off after ${Buffer.byteLength(text)} bytes (${brokeOff})`);
  if (!isJson(response)) throw misfit('that is not JSON');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw misfit(`the JSON is cut off or malformed (${(error as Error).message})`);
  }
  if (!validate(body)) {
    const first = validate.errors?.[0];
    throw misfit(`not what the API description says: ${first?.instancePath || 'the body'} ${first?.message ?? ''}`);
  }
  return body as T;
}

/**
 * A refusal's body ({ error: { code, message } }) when it is one; undefined for anything else (a
 * proxy's error page), which describeAnswer quotes instead.
 */
export async function readRefusal<T>(
  response: Response,
  validate: ValidateFunction,
): Promise<{ body?: T; text: string }> {
  const { text } = await readBody(response);
  if (!isJson(response)) return { text };
  try {
    const body: unknown = JSON.parse(text);
    return validate(body) ? { body: body as T, text } : { text };
  } catch {
    return { text };
  }
}

/**
 * "the workspace at <url> answered 200 (text/html) and <reason>. The answer began: "<Sign in...>"",
 * with control characters escaped and the quote bounded, so a hostile answer cannot write to the
 * terminal or flood the log.
 */
export function describeAnswer(response: Response, url: URL, text: string, reason: string): string {
  const type = response.headers.get('content-type') ?? 'no content type';
  const words = [...text.replace(/\s+/g, ' ').trim()];
  const excerpt = words.length > EXCERPT_CHARS ? `${words.slice(0, EXCERPT_CHARS).join('')}…` : words.join('');
  return (
    `the workspace at ${url.origin}${url.pathname} answered ${response.status} (${visible(type.slice(0, 100))}) ` +
    `with something other than roster's workspace API: ${visible(reason)}. ` +
    (excerpt ? `The answer began: "${visible(excerpt)}". ` : 'The answer was empty. ') +
    `Check that provider.url (or ROSTER_URL) is the address of a roster workspace server and that no proxy or sign-in page answers in its place`
  );
}

function isJson(response: Response): boolean {
  return response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
