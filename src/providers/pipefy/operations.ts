// Every GraphQL document roster sends to Pipefy, each with the shape of the answer roster relies
// on. The documents select only fields Pipefy's published material shows (docs/pipefy.md lists
// each operation with its source); test/providers/pipefy-contract.test.ts validates every one
// against the fake's schema, which is written from those sources. An answer is checked against its
// shape before any of it is used (client.ts).

/** A JSON Schema (draft 2020-12) of the `data` of an answer. */
export type AnswerShape = Record<string, unknown>;

export interface PipefyOperation<T> {
  /** The operation's name, as in the document. */
  name: string;
  document: string;
  /** What roster reads of the answer's `data`: an answer that does not fit is refused. */
  answer: AnswerShape;
  /** Only for TypeScript: the type the shape describes. */
  readonly type?: T;
}

const string = { type: 'string' };
const nullableString = { type: ['string', 'null'] };
const object = (properties: Record<string, unknown>, nullable = false) => ({
  type: nullable ? ['object', 'null'] : 'object',
  required: Object.keys(properties),
  properties,
});
const listOf = (items: unknown) => ({ type: 'array', items });
const nullableListOf = (items: unknown) => ({ type: ['array', 'null'], items });

const MEMBER = object({
  role_name: string,
  user: object({ id: string, uuid: string, email: string, name: nullableString }),
});

export interface MemberRow {
  role_name: string;
  user: { id: string; uuid: string; email: string; name: string | null };
}

export const ME: PipefyOperation<{ me: { id: string; email: string } | null }> = {
  name: 'Me',
  document: 'query Me { me { id email } }',
  answer: object({ me: object({ id: string, email: string }, true) }),
};

export const ORGANIZATION_MEMBERS: PipefyOperation<{ organization: { members: MemberRow[] } | null }> = {
  name: 'OrganizationMembers',
  document:
    'query OrganizationMembers($id: ID!) { organization(id: $id) { id name members { role_name user { id uuid email name } } } }',
  answer: object({ organization: object({ members: listOf(MEMBER) }, true) }),
};

export const PIPE_MEMBERS: PipefyOperation<{ pipe: { uuid: string; members: MemberRow[] } | null }> = {
  name: 'PipeMembers',
  document:
    'query PipeMembers($id: ID!) { pipe(id: $id) { id uuid name members { role_name user { id uuid email name } } } }',
  answer: object({ pipe: object({ uuid: string, members: listOf(MEMBER) }, true) }),
};

export interface InviteAnswer {
  inviteMembers: {
    users: { id: string; email: string }[] | null;
    errors: { index: number | null; message: string | null }[] | null;
  } | null;
}

export const INVITE_MEMBERS: PipefyOperation<InviteAnswer> = {
  name: 'InviteMembers',
  document:
    'mutation InviteMembers($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id email } errors { index message } } }',
  answer: object({
    inviteMembers: object(
      {
        users: nullableListOf(object({ id: string, email: string })),
        errors: nullableListOf(object({ index: { type: ['integer', 'null'] }, message: nullableString })),
      },
      true,
    ),
  }),
};

export interface SetRoleAnswer {
  setRole: { member: { role_name: string; user: { id: string; email: string } } | null } | null;
}

export const SET_ROLE: PipefyOperation<SetRoleAnswer> = {
  name: 'SetRole',
  document:
    'mutation SetRole($input: SetRoleInput!) { setRole(input: $input) { member { role_name user { id email } } } }',
  answer: object({
    setRole: object({ member: object({ role_name: string, user: object({ id: string, email: string }) }, true) }, true),
  }),
};

// The input type's name is not published: the input is written inline, from two variables.
export const REMOVE_USER_FROM_ORG: PipefyOperation<{ removeUserFromOrg: { clientMutationId: string | null } | null }> =
  {
    name: 'RemoveUserFromOrg',
    document:
      'mutation RemoveUserFromOrg($organizationId: ID!, $email: String!) { removeUserFromOrg(input: { organization_id: $organizationId, email: $email }) { clientMutationId } }',
    answer: object({ removeUserFromOrg: object({ clientMutationId: nullableString }, true) }),
  };

export interface RemoveFromPipeAnswer {
  removeMembersFromPipe: {
    success: boolean | null;
    removedUsersUuids: string[] | null;
    errors: string[] | null;
  } | null;
}

export const REMOVE_MEMBERS_FROM_PIPE: PipefyOperation<RemoveFromPipeAnswer> = {
  name: 'RemoveMembersFromPipe',
  document:
    'mutation RemoveMembersFromPipe($input: RemoveMembersFromPipeInput!) { removeMembersFromPipe(input: $input) { success removedUsersUuids errors } }',
  answer: object({
    removeMembersFromPipe: object(
      {
        success: { type: ['boolean', 'null'] },
        removedUsersUuids: nullableListOf(string),
        errors: nullableListOf(string),
      },
      true,
    ),
  }),
};

/** Every operation roster sends, for the contract test and the docs. */
export const PIPEFY_OPERATIONS: readonly PipefyOperation<unknown>[] = [
  ME,
  ORGANIZATION_MEMBERS,
  PIPE_MEMBERS,
  INVITE_MEMBERS,
  SET_ROLE,
  REMOVE_USER_FROM_ORG,
  REMOVE_MEMBERS_FROM_PIPE,
];
