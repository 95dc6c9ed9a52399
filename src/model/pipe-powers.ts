// What a person may do inside a pipe: the four pipe levels of the Pipefy document as one table,
// the company roles and pipe visibility around it, and who may create pipes. Pure: the store looks
// up the facts, /v1/authorize and the role rule (powers.ts) ask here.
import type { Decision } from './authorize.js';
import { isExpired } from './dates.js';
import type { WorkspaceSettings } from './state.js';
import {
  type BillingPlan,
  isGuest,
  isPrivileged,
  type PipeLevel,
  type PipeVisibility,
  type Role,
} from './vocabulary.js';

export const PIPE_ACTIONS = [
  'view_cards',
  'comment',
  'create_card',
  'edit_card',
  'move_card',
  'view_reports',
  'export_reports',
  'edit_settings',
  'manage_members',
] as const;
export type PipeAction = (typeof PIPE_ACTIONS)[number];

/** Whose card an action is on: one the caller created or is responsible for, or someone else's. */
export const CARD_OWNERS = ['self', 'other'] as const;
export type CardOwner = (typeof CARD_OWNERS)[number];

/** `own`: only on cards the person created or is responsible for (card_owner: self). */
export type PipePower = 'yes' | 'own' | 'no';

/**
 * The document's levels, word for word: read-only views all cards and posts comments, changes
 * nothing; restricted view creates cards and only views and edits its own (commenting on them
 * too), no reports, moves nothing (it opens demands, it does not operate the process); member
 * creates, views, edits and moves cards and views and exports reports; pipe admin also edits the
 * pipe's settings and manages its people (unless settings.only_admins_manage_pipe_members).
 */
export const PIPE_POWERS: Readonly<Record<PipeLevel, Readonly<Record<PipeAction, PipePower>>>> = {
  'read-only': row({ view_cards: 'yes', comment: 'yes' }),
  'restricted-view': row({ view_cards: 'own', comment: 'own', create_card: 'yes', edit_card: 'own' }),
  member: row({
    view_cards: 'yes',
    comment: 'yes',
    create_card: 'yes',
    edit_card: 'yes',
    move_card: 'yes',
    view_reports: 'yes',
    export_reports: 'yes',
  }),
  admin: row(Object.fromEntries(PIPE_ACTIONS.map((action) => [action, 'yes']))),
};

/** What a company member who was not invited may do in a public pipe: view its cards. */
export const PUBLIC_PIPE_POWERS: Readonly<Record<PipeAction, PipePower>> = row({ view_cards: 'yes' });

function row(allowed: Partial<Record<PipeAction, PipePower>>): Record<PipeAction, PipePower> {
  return Object.fromEntries(PIPE_ACTIONS.map((action) => [action, allowed[action] ?? 'no'])) as Record<
    PipeAction,
    PipePower
  >;
}

/** The settings with their defaults filled in: pipe admins manage people, guests create pipes. */
export function effectiveSettings(settings: WorkspaceSettings = {}): Required<WorkspaceSettings> {
  return {
    onlyAdminsManagePipeMembers: settings.onlyAdminsManagePipeMembers ?? false,
    guestsCanCreatePipes: settings.guestsCanCreatePipes ?? true,
  };
}

/** A level's power for an action, with the workspace setting that can take manage_members away. */
export function pipeLevelPower(level: PipeLevel, action: PipeAction, settings: WorkspaceSettings): PipePower {
  if (action === 'manage_members' && settings.onlyAdminsManagePipeMembers) return 'no';
  return PIPE_POWERS[level][action];
}

export interface PipeFacts {
  /** The day every `expires` is compared with (UTC). */
  today: string;
  /** The person acting: a personal key's owner, with their membership's last day. Absent for a workspace key. */
  person?: { email: string; role: Role; expires?: string };
  /** The pipe, or undefined when there is none of that id. */
  pipe?: { visibility: PipeVisibility };
  /** The person's level in the pipe: absent when not a member (or the membership has expired). */
  level?: PipeLevel;
  settings: WorkspaceSettings;
}

export function decidePipeAction(
  pipe: string,
  action: PipeAction,
  cardOwner: CardOwner | undefined,
  facts: PipeFacts,
): Decision {
  const deny = (reason: string): Decision => ({ allowed: false, reason });
  const person = facts.person;
  if (!person) return deny('a workspace key carries integrations only; pipe actions belong to people');
  // First, as for tools (authorize.ts): no role, owner's or admin's included, outlives its last day.
  if (isExpired(person.expires, facts.today)) return deny(`${person.email}'s membership expired on ${person.expires}`);
  if (isGuest(person.role)) return deny(`${person.email} is a ${person.role}; guests use shared forms, not pipes`);
  if (!facts.pipe) {
    return isPrivileged(person.role) ? deny(`pipe ${pipe} does not exist`) : deny(notVisible(person.email, pipe));
  }
  if (isPrivileged(person.role)) {
    return { allowed: true, reason: `company ${person.role} ${person.email} may do everything in every pipe` };
  }
  const level = facts.level;
  let power: PipePower;
  let as: string;
  if (level) {
    power = pipeLevelPower(level, action, facts.settings);
    as = `${level} of pipe ${pipe}`;
  } else if (facts.pipe.visibility === 'public') {
    power = PUBLIC_PIPE_POWERS[action];
    as = `company member in public pipe ${pipe}`;
  } else {
    // One answer whether the pipe exists or not: a member learns nothing about private pipes.
    return deny(notVisible(person.email, pipe));
  }
  if (power === 'no') {
    const reserved =
      action === 'manage_members' && level === 'admin'
        ? '; settings.only_admins_manage_pipe_members reserves it to company owners and admins'
        : '';
    return deny(`${person.email} is ${as}, which may not ${action}${reserved}`);
  }
  if (power === 'own' && cardOwner !== 'self') {
    return deny(
      cardOwner === 'other'
        ? `${person.email} is ${as}, which may ${action} only on cards they created or are responsible for`
        : `${person.email} is ${as}, which may ${action} only on their own cards; send card_owner: self or other`,
    );
  }
  return {
    allowed: true,
    reason: `${person.email} is ${as}, which may ${action}${power === 'own' ? ' on their own cards' : ''}`,
  };
}

function notVisible(email: string, pipe: string): string {
  return `${email} is not a member of pipe ${pipe}, and no public pipe has that id`;
}

/**
 * Why `role` may not create a pipe, or undefined when it may. Members may (they become its
 * admin); a company guest may unless settings.guests_can_create_pipes is false, and becomes a
 * member by doing so (roleAfterCreatingPipe); an external guest never may.
 */
export function pipeCreationRefusal(role: Role, settings: WorkspaceSettings): string | undefined {
  if (role === 'external-guest') return 'an external guest cannot create pipes';
  if (role === 'guest' && settings.guestsCanCreatePipes === false)
    return 'settings.guests_can_create_pipes is false: guests cannot create pipes';
  return undefined;
}

/** Pipe levels exist on business plans and up; on starter everyone in a pipe is a plain member. */
export function hasPipeLevels(plan: BillingPlan): boolean {
  return plan !== 'starter';
}

/** The level the creator of a pipe gets in it: its admin, where levels exist. */
export function creatorLevel(plan: BillingPlan): PipeLevel {
  return hasPipeLevels(plan) ? 'admin' : 'member';
}

/** A company guest who creates a pipe becomes a (billable) company member; nobody else changes. */
export function roleAfterCreatingPipe(role: Role): Role {
  return role === 'guest' ? 'member' : role;
}
