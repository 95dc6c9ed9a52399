// The part of Pipefy's public GraphQL schema that roster uses, as Pipefy documents it: organization
// and pipe members with a role name, inviteMembers (organization or pipe), setRole,
// removeUserFromOrg and removeUserFromRepo (Pipefy's name for removal from a pipe). Written from
// developers.pipefy.com's examples; fields roster never reads are left out.
import { buildSchema } from 'graphql';

export const FAKE_PIPEFY_SDL = /* GraphQL */ `
  type User {
    id: ID!
    uuid: ID!
    email: String!
    name: String
  }

  type Member {
    role_name: String!
    user: User!
  }

  type Organization {
    id: ID!
    uuid: ID!
    name: String!
    members: [Member!]!
  }

  type Pipe {
    id: ID!
    uuid: ID!
    name: String!
    members: [Member!]!
  }

  type Query {
    me: User
    organization(id: ID!): Organization
    pipe(id: ID!): Pipe
  }

  input InviteMemberInput {
    email: String!
    role_name: String!
  }

  "Exactly one of organization_id and pipe_id."
  input InviteMembersInput {
    clientMutationId: String
    organization_id: ID
    pipe_id: ID
    emails: [InviteMemberInput!]!
    message: String
  }

  type InviteError {
    index: Int
    message: String
  }

  type InviteMembersPayload {
    clientMutationId: String
    success: Boolean
    users: [User]
    errors: [InviteError]
  }

  input MemberRoleInput {
    user_id: ID!
    role_name: String!
  }

  "Exactly one of organization_id and pipe_id."
  input SetRoleInput {
    clientMutationId: String
    organization_id: ID
    pipe_id: ID
    member: MemberRoleInput!
  }

  type SetRolePayload {
    clientMutationId: String
    success: Boolean
    member: Member
  }

  input RemoveUserFromOrgInput {
    clientMutationId: String
    organization_id: ID!
    email: String!
  }

  input RemoveUserFromRepoInput {
    clientMutationId: String
    pipe_id: ID!
    email: String!
  }

  type RemovalPayload {
    clientMutationId: String
    success: Boolean
  }

  type Mutation {
    inviteMembers(input: InviteMembersInput!): InviteMembersPayload
    setRole(input: SetRoleInput!): SetRolePayload
    removeUserFromOrg(input: RemoveUserFromOrgInput!): RemovalPayload
    removeUserFromRepo(input: RemoveUserFromRepoInput!): RemovalPayload
  }
`;

export const fakePipefySchema = buildSchema(FAKE_PIPEFY_SDL);
