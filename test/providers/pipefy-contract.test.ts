// The contract between roster and Pipefy: every document roster sends is valid against the fake's
// schema, which is written from Pipefy's published sources only, each declaration naming its
// source. A field or argument the sources do not show fails here, before anything is sent.
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FAKE_PIPEFY_SDL, fakePipefySchema, PIPEFY_SOURCES } from '../../src/bench/fake-pipefy/schema.js';
import { PIPEFY_OPERATIONS } from '../../src/providers/pipefy/operations.js';

const errorsOf = (document: string) => validate(fakePipefySchema, parse(document)).map((error) => error.message);

describe('pipefy contract', () => {
  it.each(PIPEFY_OPERATIONS.map((operation) => [operation.name, operation.document] as const))(
    '%s is valid against the schema written from Pipefy’s sources',
    (name, document) => {
      expect(errorsOf(document)).toEqual([]);
      expect(parse(document).definitions).toMatchObject([{ name: { value: name } }]);
    },
  );

  it('covers the reads (members of the organization and of a pipe, who the token is) and every write', () => {
    const roots = PIPEFY_OPERATIONS.map((operation) => {
      const [definition] = parse(operation.document).definitions as any[];
      return `${definition.operation} ${definition.selectionSet.selections[0].name.value}`;
    });
    expect(roots.sort()).toEqual([
      'mutation inviteMembers',
      'mutation removeMembersFromPipe',
      'mutation removeUserFromOrg',
      'mutation setRole',
      'query me',
      'query organization',
      'query pipe',
    ]);
  });

  it('fails a document that selects a field no source shows, as `success` on inviteMembers once was', () => {
    const invite = PIPEFY_OPERATIONS.find((operation) => operation.name === 'InviteMembers')!.document;
    expect(errorsOf(invite.replace('users { id email }', 'success users { id email }'))).toEqual([
      'Cannot query field "success" on type "InviteMembersPayload".',
    ]);
    expect(errorsOf('query { organization(id: "1", first: 5) { id } }')).toEqual([
      'Unknown argument "first" on field "Query.organization".',
    ]);
  });

  it('names a published source for every type and field of the schema', () => {
    const declarations = FAKE_PIPEFY_SDL.split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && line !== '}');
    const unsourced = declarations.filter((line) => {
      const keys = [...line.matchAll(/([a-z]+:[A-Za-z0-9-]+)/g)].map((match) => match[1]!);
      return !line.includes(' # ') || !keys.some((key) => key in PIPEFY_SOURCES);
    });
    expect(unsourced).toEqual([]);
    expect(declarations.length).toBeGreaterThan(50);
  });
});
