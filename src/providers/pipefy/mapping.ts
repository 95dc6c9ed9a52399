// roster's vocabulary in Pipefy's words. A Pipefy name with no roster word (a custom company role,
// the `creator` pipe level) maps to undefined: the provider reports it and leaves it alone.
import type { PipeLevel, Role } from '../../model/vocabulary.js';

export const PIPEFY_COMPANY_ROLES: Readonly<Record<Role, string>> = {
  owner: 'super_admin',
  admin: 'admin',
  member: 'normal',
  guest: 'company_guest',
  'external-guest': 'external_guest',
};

export const PIPEFY_PIPE_LEVELS: Readonly<Record<PipeLevel, string>> = {
  'read-only': 'read_and_comment',
  'restricted-view': 'my_cards_only',
  member: 'member',
  admin: 'admin',
};

const inverse = <T extends string>(table: Readonly<Record<T, string>>) =>
  new Map(Object.entries(table).map(([ours, theirs]) => [theirs as string, ours as T]));

const ROLE_OF = inverse(PIPEFY_COMPANY_ROLES);
const LEVEL_OF = inverse(PIPEFY_PIPE_LEVELS);

export function roleFromPipefy(roleName: string): Role | undefined {
  return ROLE_OF.get(roleName);
}

export function levelFromPipefy(roleName: string): PipeLevel | undefined {
  return LEVEL_OF.get(roleName);
}

/** Company roles Pipefy makes admins of every pipe. */
export function isCompanyAdmin(roleName: string): boolean {
  return roleName === PIPEFY_COMPANY_ROLES.owner || roleName === PIPEFY_COMPANY_ROLES.admin;
}
