// Reading a Pipefy organization's members and each declared pipe's members, and the fingerprint
// of each scope: a hash of what was read, so apply can tell whether a scope moved since the plan.
import { createHash } from 'node:crypto';
import type { SourceRef } from '../../model/state.js';
import { normalizeEmail } from '../../model/state.js';
import type { PipefyClient } from './client.js';
import { PipefyError } from './client.js';
import { isCompanyAdmin } from './mapping.js';
import { type MemberRow, ORGANIZATION_MEMBERS, PIPE_MEMBERS } from './operations.js';

/** A pipe the config declares, with the id Pipefy knows it by. */
export interface DeclaredPipe {
  id: string;
  pipefyId: string;
  name?: string;
  source?: SourceRef;
}

/** One row of a members list, as Pipefy gives it. */
export interface LiveMember {
  roleName: string;
  userId: string;
  /** The user's UUID: removeMembersFromPipe names users by it. */
  userUuid: string;
  email: string;
  name?: string;
}

/** A pipe as read: its UUID (removeMembersFromPipe names the pipe by it) and its members. */
export interface LivePipe {
  uuid: string;
  members: LiveMember[];
}

export const ORGANIZATION_SCOPE = 'organization';
export const pipeScope = (id: string) => `pipe:${id}`;

export async function readOrganization(client: PipefyClient, organizationId: string): Promise<LiveMember[]> {
  try {
    const data = await client.query(ORGANIZATION_MEMBERS, { id: organizationId });
    if (!data.organization) throw new PipefyError('permission-denied', 'no organization in the answer', undefined);
    return rows(data.organization.members);
  } catch (error) {
    if (!(error instanceof PipefyError) || error.code !== 'permission-denied') throw error;
    throw new PipefyError(
      'unknown-organization',
      `Pipefy has no organization ${organizationId} that PIPEFY_TOKEN's account belongs to (Pipefy answers alike for an id that does not exist and one the account may not see); check provider.organization_id, the number in the organization's URL`,
      error.correlationId,
    );
  }
}

export async function readPipe(client: PipefyClient, pipe: DeclaredPipe): Promise<LivePipe> {
  try {
    const data = await client.query(PIPE_MEMBERS, { id: pipe.pipefyId });
    if (!data.pipe) throw new PipefyError('permission-denied', 'no pipe in the answer', undefined);
    return { uuid: data.pipe.uuid, members: rows(data.pipe.members) };
  } catch (error) {
    if (!(error instanceof PipefyError) || error.code !== 'permission-denied') throw error;
    const at = pipe.source ? ` (${pipe.source.file}:${pipe.source.line}:${pipe.source.col})` : '';
    throw new PipefyError(
      'invisible-pipe',
      `pipe ${pipe.id}${at} has pipefy_id ${pipe.pipefyId}, which PIPEFY_TOKEN's account cannot see: Pipefy shows a pipe only to its members, so add the account to the pipe (or fix pipefy_id); nothing in it was read or changed`,
      error.correlationId,
    );
  }
}

function rows(members: MemberRow[]): LiveMember[] {
  return members.map((member) => ({
    roleName: member.role_name,
    userId: member.user.id,
    userUuid: member.user.uuid,
    email: normalizeEmail(member.user.email),
    ...(member.user.name ? { name: member.user.name } : {}),
  }));
}

/** The company admins among an organization's members: Pipefy lists them as admins of every pipe. */
export function companyAdmins(organization: readonly LiveMember[]): Set<string> {
  return new Set(organization.filter((member) => isCompanyAdmin(member.roleName)).map((member) => member.email));
}

/**
 * A hash of who holds which role. A pipe's leaves out the company admins, whom Pipefy lists there
 * by their company role: a promotion the plan itself makes must not read as the pipe moving.
 */
export function fingerprintOf(members: readonly LiveMember[], leaveOut: ReadonlySet<string> = new Set()): string {
  const lines = members
    .filter((member) => !leaveOut.has(member.email))
    .map((member) => `${member.email}\u0000${member.roleName}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}

/** The snapshot's version: every scope's fingerprint, in one hash. */
export function versionOf(scopes: Record<string, string>): string {
  const lines = Object.entries(scopes)
    .map(([scope, fingerprint]) => `${scope}=${fingerprint}`)
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}
