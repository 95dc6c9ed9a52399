// An admin's key (or a stolen one) invites a second person whose email looks like a member's, or
// hides an invisible character: the review would show an ordinary change. The server applies the
// config's rules: such an invitation is refused with its own code and creates nobody.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/changes.js';
import { memberWithKey, startServer } from '../helpers/server.js';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const invite = (email: string): Change => ({ kind: 'member.invite', email, role: 'member' });

describe('member.invite at the server', () => {
  it('refuses a look-alike of a member and an email with an invisible character, inviting nobody', async () => {
    const server = await startServer();
    const keys = await server.seed([...memberWithKey('adm@acme.com', 'admin'), invite('mem@acme.com')]);
    const before = server.store.snapshot().state.members.length;
    const cases: [string, string][] = [
      ['m\u0435m@acme.com', 'lookalike-email'], // Cyrillic е
      ['mem@\u0430cme.com', 'lookalike-email'], // Cyrillic а
      ['MEM@ACME.COM\u200b', 'invisible-character'],
      ['m\u200bem@acme.com', 'invisible-character'], // zero-width space
      ['new\u2060@acme.com', 'invisible-character'], // word joiner, on no one's look-alike
    ];
    for (const [email, code] of cases) {
      const refused = await server.call(keys['adm-key'], 'POST', '/v1/changes', { changes: [invite(email)] });
      expect([email, refused.status, refused.body.error.changes[0].code]).toEqual([email, 422, code]);
      expect(refused.body.error.changes[0].message).not.toMatch(/[\u200b\u2060]/);
    }
    const message = (
      await server.call(keys['adm-key'], 'POST', '/v1/changes', { changes: [invite('m\u0435m@acme.com')] })
    ).body.error.changes[0].message;
    expect(message).toContain('looks the same as mem@acme.com, who is already a member');
    expect(server.store.snapshot().state.members).toHaveLength(before);
  });

  it('refuses two look-alikes invited in one batch', async () => {
    const server = await startServer();
    const refused = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [invite('ana@acme.com'), invite('\u0430na@acme.com')],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.changes).toEqual([expect.objectContaining({ index: 1, code: 'lookalike-email' })]);
    const fine = await server.call(server.ownerKey, 'POST', '/v1/changes', {
      changes: [invite('ana@acme.com'), invite('anna@acme.com')],
    });
    expect(fine.status).toBe(200);
  });
});

describe('the config refuses the same', () => {
  it('refuses an email holding an invisible character, at its file:line:col', () => {
    const { found, pos, result } = validateFiles({
      'roster.yaml': rootConfig('members:\n  - { email: "o\u200bwner@x.io", role: owner }\n'),
    });
    expect(found).toEqual([`error invisible-character ${pos('"o')}`]);
    expect(result.diagnostics[0]!.message).toContain('o\\u200bwner@x.io contains U+200B');
  });
});
