// A config for Pipefy names each pipe's Pipefy id and declares no integrations or keys; a config for
// another provider has no pipefy_id. Each refusal names file:line:col.
import { describe, expect, it } from 'vitest';
import { rootConfig } from '../helpers/tmp.js';
import { validateFiles } from '../helpers/validate.js';

const PIPEFY = 'provider: { type: pipefy, organization_id: "300" }\n';
const OWNER = 'members:\n  - { email: o@x.io, role: owner }\n';

describe('pipefy config rules', () => {
  it('accepts pipes with a pipefy_id, as a string or a number', () => {
    const { result, found } = validateFiles({
      'roster.yaml': rootConfig(
        `${PIPEFY}pipes:\n  hiring: { name: Hiring, pipefy_id: "10" }\n  buying: { pipefy_id: 11 }\n${OWNER}`,
      ),
    });
    expect(found).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('requires pipefy_id on every pipe with provider pipefy, at the pipe', () => {
    const { result, found, pos } = validateFiles({
      'roster.yaml': rootConfig(`${PIPEFY}pipes:\n  hiring: { name: Hiring }\n${OWNER}`),
    });
    expect(found).toEqual([`error missing-pipefy-id ${pos('hiring')}`]);
    expect(result.diagnostics[0]!.message).toContain('add pipefy_id');
  });

  it('refuses two pipes naming one Pipefy pipe', () => {
    const { found, pos } = validateFiles({
      'roster.yaml': rootConfig(`${PIPEFY}pipes:\n  a: { pipefy_id: "10" }\n  b: { pipefy_id: "10" }\n${OWNER}`),
    });
    expect(found).toEqual([`error duplicate-pipefy-id ${pos('"10"', 'roster.yaml', 2)}`]);
  });

  it('refuses pipefy_id with the other providers, at the field', () => {
    const { found, pos } = validateFiles({
      'roster.yaml': rootConfig(`pipes:\n  hiring: { pipefy_id: "10" }\n${OWNER}`),
    });
    expect(found).toEqual([`error pipefy-id-without-pipefy ${pos('pipefy_id')}`]);
  });

  it('refuses a non-numeric pipefy_id in the schema', () => {
    const { result } = validateFiles({
      'roster.yaml': rootConfig(`${PIPEFY}pipes:\n  hiring: { pipefy_id: "hiring" }\n${OWNER}`),
    });
    expect(result.ok).toBe(false);
  });

  it('refuses each integration and key with provider pipefy, including those from an included file', () => {
    const { result, found, pos } = validateFiles({
      'roster.yaml': rootConfig(
        `${PIPEFY}include: [extra.yaml]\nintegrations:\n  stripe: {}\n${OWNER}keys:\n  - { name: bot, type: workspace, integrations: { stripe: read-only }, users: [o@x.io] }\n`,
      ),
      'extra.yaml': 'integrations:\n  salesforce: {}\n',
    });
    expect(result.ok).toBe(false);
    expect(found).toEqual(
      expect.arrayContaining([
        `error pipefy-no-integrations ${pos('stripe')}`,
        `error pipefy-no-integrations ${pos('salesforce', 'extra.yaml')}`,
        `error pipefy-no-keys ${pos('{ name: bot')}`,
      ]),
    );
  });

  it('refuses a pipe visibility and a settings block with provider pipefy, which it does not manage', () => {
    const { found, pos } = validateFiles({
      'roster.yaml': rootConfig(
        `${PIPEFY}pipes:\n  hiring: { pipefy_id: "10", visibility: public }\nsettings:\n  guests_can_create_pipes: false\n${OWNER}`,
      ),
    });
    expect(found).toEqual([
      `error pipefy-no-visibility ${pos('visibility')}`,
      `error pipefy-no-settings ${pos('settings')}`,
    ]);
  });
});
