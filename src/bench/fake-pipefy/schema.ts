// The part of Pipefy's public GraphQL schema that roster sends, written from Pipefy's published
// material only: each type and field names its source in a comment (keys in PIPEFY_SOURCES). What
// no source shows is not here, and roster does not depend on it. Where a source shows a shape but
// not the name of its type (an input nested in another, a payload), the name here is ours: roster
// never writes it in a document (test/providers/pipefy-contract.test.ts checks every document).
// Nullability: Pipefy's reference lists fields without `!`; only arguments and inputs the sources
// always give are required here.
import { buildSchema } from 'graphql';

/** The public sources the schema is written from, by the key each comment names. */
export const PIPEFY_SOURCES = {
  'dev:users': 'https://developers.pipefy.com/reference/users',
  'dev:pipes': 'https://developers.pipefy.com/reference/pipes',
  'dev:active-users': 'https://developers.pipefy.com/reference/track-active-users-in-your-organization',
  'dev:user-mutations': 'https://developers.pipefy.com/changelog/new-graphql-api-update-user-management-mutations',
  'api:Member': 'https://api-docs.pipefy.com/reference/objects/Member',
  'api:Organization': 'https://api-docs.pipefy.com/reference/interfaces/OrganizationInterface',
  'sdk:members':
    'https://github.com/pipefy/ai-toolkit/blob/bd57ef33/packages/sdk/src/pipefy_sdk/queries/member_queries.py',
  'sdk:pipes': 'https://github.com/pipefy/ai-toolkit/blob/bd57ef33/packages/sdk/src/pipefy_sdk/queries/pipe_queries.py',
  'sdk:organizations':
    'https://github.com/pipefy/ai-toolkit/blob/bd57ef33/packages/sdk/src/pipefy_sdk/queries/organization_queries.py',
  'sdk:member-tests':
    'https://github.com/pipefy/ai-toolkit/blob/bd57ef33/packages/mcp/tests/tools/test_member_tools.py',
  'community:386': 'https://community.pipefy.com/ask-the-community-43/inivite-members-to-pipefy-386',
} as const;

export const FAKE_PIPEFY_SDL = /* GraphQL */ `
  type Query { # dev:users (me and organization queries)
    me: User # dev:users "me { id name email username }"
    organization(id: ID!): Organization # sdk:organizations "organization(id: $id)", $id: ID!
    pipe(id: ID!): Pipe # sdk:pipes GET_PIPE_MEMBERS "pipe(id: $pipeId)", $pipeId: ID!
  }

  type User { # api:Member (Member.user: User)
    id: ID # dev:users "me { id }"; sdk:members "users { id email }"
    uuid: ID # sdk:pipes GET_PIPE_MEMBERS "user { id uuid name email }"
    name: String # dev:users; dev:active-users "user { name email }"
    email: String # dev:users; sdk:members
  }

  type Organization { # api:Organization
    id: ID # api:Organization "id: ID"; sdk:organizations
    uuid: ID # sdk:organizations "id uuid name"
    name: String # api:Organization "name: String"
    members: [OrganizationMember] # api:Organization "members: [OrganizationMember]"; dev:active-users
  }

  type OrganizationMember { # api:Organization (the type of Organization.members)
    role_name: String # dev:active-users "members { billable role_name user }", values admin, normal, guest
    user: User # dev:active-users
  }

  type Pipe { # dev:pipes
    id: ID # dev:pipes "pipe(id: 123456) { id uuid name }"
    uuid: ID # dev:pipes; sdk:pipes GET_PIPE_QUERY
    name: String # dev:pipes
    members: [Member] # dev:pipes "members { role_name user { id email } }"; sdk:pipes GET_PIPE_MEMBERS
  }

  type Member { # api:Member "Member information"
    role_name: String # api:Member "role_name: String", the pipe levels admin, member, creator, my_cards_only, read_and_comment
    user: User # api:Member "user: User"
  }

  type Mutation { # dev:user-mutations
    inviteMembers(input: InviteMembersInput!): InviteMembersPayload # sdk:members INVITE_MEMBERS_MUTATION; dev:user-mutations
    setRole(input: SetRoleInput!): SetRolePayload # sdk:members SET_ROLE_MUTATION; dev:users
    removeUserFromOrg(input: RemoveUserFromOrgInput!): RemoveUserFromOrgPayload # dev:users; dev:user-mutations
    removeMembersFromPipe(input: RemoveMembersFromPipeInput!): RemoveMembersFromPipePayload # sdk:members REMOVE_MEMBERS_FROM_PIPE_MUTATION
  }

  input InviteMembersInput { # sdk:members "$input: InviteMembersInput!" (verified by introspection, it says)
    organization_id: ID # dev:users "inviteMembers(input: { organization_id: 1234, emails: [...] })"
    pipe_id: ID # dev:users "inviteMembers(input: { pipe_id: 98765, ... })"; sdk:members docstring
    emails: [InviteMembersEmailInput!]! # dev:users "emails: [{ email, role_name }]"; sdk:members docstring
    message: String # community:386 (Pipefy staff) "message: 'please join my organization'"
  }

  input InviteMembersEmailInput { # our name for the element of dev:users "emails: [{ email, role_name }]"
    email: String! # dev:users
    role_name: String! # dev:users
  }

  type InviteMembersPayload { # sdk:members INVITE_MEMBERS_MUTATION
    clientMutationId: String # dev:users "inviteMembers(...) { clientMutationId }"
    users: [User] # sdk:members "users { id email }"; sdk:member-tests
    errors: [InviteMembersError] # sdk:members "errors { index message }"; sdk:member-tests
  }

  type InviteMembersError { # our name for the element of sdk:members "errors { index message }"
    index: Int # sdk:members; sdk:member-tests "index: 0"
    message: String # sdk:members; sdk:member-tests "message: already invited"
  }

  input SetRoleInput { # sdk:members "$input: SetRoleInput!"
    organization_id: ID # dev:users "setRole(input: { member: {...}, organization_id: 1234 })"
    pipe_id: ID # sdk:members docstring "SetRoleInput: pipe_id, member { user_id, role_name }"
    member: SetRoleMemberInput! # dev:users; sdk:members docstring
  }

  input SetRoleMemberInput { # our name for dev:users "member: { user_id, role_name }"
    user_id: ID! # dev:users "user_id: '123456'"
    role_name: String! # dev:users "role_name: 'admin'"
  }

  type SetRolePayload { # sdk:members SET_ROLE_MUTATION
    clientMutationId: String # dev:users "setRole(...) { clientMutationId }"
    member: Member # sdk:members "member { role_name user { id email } }"
  }

  input RemoveUserFromOrgInput { # our name for dev:users "removeUserFromOrg(input: { organization_id, email })"
    organization_id: ID! # dev:users "organization_id: 1234"; dev:user-mutations
    email: String! # dev:users; dev:user-mutations
  }

  type RemoveUserFromOrgPayload { # our name for the payload of dev:users "removeUserFromOrg(...) { clientMutationId }"
    clientMutationId: String # dev:users; dev:user-mutations
  }

  input RemoveMembersFromPipeInput { # sdk:members "$input: RemoveMembersFromPipeInput!"
    pipeUuid: ID! # sdk:members docstring "RemoveMembersFromPipeInput: pipeUuid, usersUuids"
    usersUuids: [ID!] # sdk:members docstring
  }

  type RemoveMembersFromPipePayload { # our name for the payload of sdk:members REMOVE_MEMBERS_FROM_PIPE_MUTATION
    success: Boolean # sdk:members "success"; sdk:member-tests "removeMembersFromPipe: { success: True }"
    removedUsersUuids: [ID] # sdk:members "removedUsersUuids" (selected without sub-fields: scalars)
    errors: [String] # sdk:members "errors" (selected without sub-fields: scalars)
  }
`;

export const fakePipefySchema = buildSchema(FAKE_PIPEFY_SDL);
