// The response validator the server tests rely on refuses what the description does not say.
import { describe, expect, it } from 'vitest';
import { type ObservedResponse, ResponseValidator } from '../helpers/api-responses.js';

const validator = new ResponseValidator();
const json = { 'content-type': 'application/json; charset=utf-8' };
const error = (code: string) => JSON.stringify({ error: { code, message: 'why' } });

function check(response: Partial<ObservedResponse> & Pick<ObservedResponse, 'path' | 'status'>): string[] {
  return validator.check({ method: 'GET', headers: json, body: '', ...response });
}

describe('the response validator', () => {
  const whoami = JSON.stringify({ key: { name: 'k', type: 'personal' }, member: { email: 'a@x.io', role: 'owner' } });

  it('accepts a response as described', () => {
    expect(check({ path: '/v1/whoami', status: 200, body: whoami })).toEqual([]);
    expect(check({ path: '/v1/members?limit=2', status: 400, body: error('invalid-request') })).toEqual([]);
    expect(check({ path: '/v1/state', status: 304, headers: { etag: '"3"' } })).toEqual([]);
  });

  it('refuses a status the route does not describe', () => {
    expect(check({ path: '/v1/whoami', status: 403, body: error('forbidden') })).toEqual([
      expect.stringContaining('GET /v1/whoami answered 403, a status the API description does not list'),
    ]);
    expect(check({ path: '/v1/whoami', status: 500, body: error('internal') })).toHaveLength(1);
  });

  it('refuses a body that does not match, naming what differs', () => {
    const noType = JSON.stringify({ key: { name: 'k' } });
    expect(check({ path: '/v1/whoami', status: 200, body: noType })).toEqual([
      expect.stringContaining("body/key must have required property 'type'"),
    ]);
    const extra = JSON.stringify({ key: { name: 'k', type: 'personal' }, secret: 'x' });
    expect(check({ path: '/v1/whoami', status: 200, body: extra })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(check({ path: '/v1/whoami', status: 200, body: 'not json' })).toEqual([
      expect.stringContaining('the body is not JSON'),
    ]);
  });

  it('checks role and profile values against changes.schema.json', () => {
    const body = JSON.stringify({ key: { name: 'k', type: 'personal' }, member: { email: 'a@x.io', role: 'boss' } });
    expect(check({ path: '/v1/whoami', status: 200, body })).toEqual([
      expect.stringContaining('body/member/role must be equal to one of the allowed values'),
    ]);
  });

  it('refuses a content type or body the description does not give', () => {
    const text = { 'content-type': 'text/plain' };
    expect(check({ path: '/v1/whoami', status: 200, headers: text, body: whoami })).toEqual([
      expect.stringContaining('content type text/plain is not described'),
    ]);
    expect(check({ path: '/v1/state', status: 304, headers: { etag: '"3"' }, body: '{}' })).toEqual([
      expect.stringContaining('the description says no body'),
    ]);
  });

  it('requires the headers the description marks required, in their described form', () => {
    const limited = { path: '/v1/whoami', status: 429, body: error('rate-limited') };
    expect(check(limited)).toEqual([expect.stringContaining('the required header Retry-After is missing')]);
    expect(check({ ...limited, headers: { ...json, 'retry-after': 'soon' } })).toEqual([
      expect.stringContaining('header Retry-After (soon) does not match'),
    ]);
    expect(check({ ...limited, headers: { ...json, 'retry-after': '2' } })).toEqual([]);
    expect(check({ path: '/v1/state', status: 304, headers: { etag: 'W/3' } })).toEqual([
      expect.stringContaining('header ETag (W/3) does not match'),
    ]);
  });

  it('holds routes it does not describe to x-unknown-route: 404 not-found and the key checks', () => {
    expect(check({ method: 'DELETE', path: '/v1/state', status: 404, body: error('not-found') })).toEqual([]);
    expect(check({ path: '/v1/nothing', status: 200, body: '{}' })).toEqual([
      expect.stringContaining('GET /v1/nothing answered 200, a status the API description does not list'),
    ]);
  });
});
