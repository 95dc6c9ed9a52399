// The workspace's own rules, checked after the schema: references, duplicates, owners, guests,
// key scopes, plan limits, dates and durations. Each finding is a diagnostic with a stable code.
import { dirname, resolve } from 'node:path';
import { isExpired, isRealDate, parseDurationDays } from '../model/dates.js';
import { skeleton } from '../model/confusables.js';
import { unseenProblem } from '../model/email-look.js';
import { normalizeEmail, type SourceRef, type WorkspaceState } from '../model/state.js';
import { isGuest, isPrivileged, profileRank, STARTER_MAX_ADMINS } from '../model/vocabulary.js';
import { resolveIntegrationGrant } from './desired.js';
import { deliverFileProblem, reservedFiles } from './deliver-target.js';
import { type Diagnostic, diagnostic, quoteValue } from './diagnostic.js';
import {
  ALL_INTEGRATIONS,
  type ConfigModel,
  type Declared,
  type RawIntegrationGrant,
  where,
  whereKey,
} from './model.js';
import { checkPipeLevelsOnPlan } from './pipe-rules.js';
import { checkPersonalKeyLimit } from './policy-rules.js';
import { checkProviderRules } from './provider-rules.js';
import { checkRedundantTeamGrants } from './redundant-grants.js';
import { closest, closestEmail } from './suggest.js';
import type { PathSegment } from './source-map.js';

export function checkRules(model: ConfigModel, desired: WorkspaceState, today: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (code: string, message: string, at: ReturnType<typeof where>) =>
    out.push(diagnostic('error', code, message, at));
  const warn = (code: string, message: string, at: ReturnType<typeof where>) =>
    out.push(diagnostic('warning', code, message, at));

  // Members: duplicates (case-insensitive, and look-alikes such as a Cyrillic "а" for a Latin "a",
  // which a reviewer cannot tell apart) and a lookup for every other rule.
  const memberByEmail = new Map<string, Declared<ConfigModel['members'][number]['value']>>();
  const memberBySkeleton = new Map<string, Declared<ConfigModel['members'][number]['value']>>();
  for (const entry of model.members) {
    const email = normalizeEmail(entry.value.email);
    const unseen = unseenProblem(entry.value.email);
    if (unseen) error('invisible-character', unseen, where(entry, 'email'));
    const look = skeleton(email);
    const first = memberBySkeleton.get(look);
    if (first) {
      const at = where(first, 'email');
      const same = normalizeEmail(first.value.email) === email;
      error(
        'duplicate-email',
        same
          ? `${entry.value.email} is already declared at ${at.file}:${at.line}:${at.col}; keep one entry per person`
          : `${entry.value.email}${nonAscii(entry.value.email)} looks the same as ${first.value.email}${nonAscii(first.value.email)}, declared at ${at.file}:${at.line}:${at.col}; a reviewer cannot tell them apart, so they cannot be two people. Keep one entry, or correct the spelling`,
        where(entry, 'email'),
      );
    } else {
      memberBySkeleton.set(look, entry);
      memberByEmail.set(email, entry);
    }
  }
  const memberEmails = [...memberByEmail.keys()];
  // Entries a schema error left out are reported there, not again as missing here.
  const skipped = model.skipped;
  const wasSkipped = (section: string, name: string) =>
    skipped !== undefined &&
    (skipped.sections.has(section) ||
      (section === 'members' ? skipped.members.has(normalizeEmail(name)) : skipped.names.has(`${section}.${name}`)));
  // `at` is called only for a finding: placing each of 10,000 team members up front was most of
  // the cost of checking them.
  const checkMember = (email: string, at: () => SourceRef, what: string) => {
    if (memberByEmail.has(normalizeEmail(email))) return true;
    if (wasSkipped('members', email)) return false;
    // Both ways out, always: the email may be a typo, or the person may be missing from members.
    const hint = closestEmail(normalizeEmail(email), memberEmails);
    error(
      'unknown-member',
      `${what} ${email} is not in members: fix the email${hint ? ` (did you mean ${hint}?)` : ''}, or add ${email} to members`,
      at(),
    );
    return false;
  };

  const integrationIds = [...model.integrations.keys()];
  const pipeIds = [...model.pipes.keys()];
  const checkIntegrationGrants = (
    entry: Declared<unknown>,
    grants: Record<string, RawIntegrationGrant> | undefined,
    prefix: PathSegment[] = [],
  ) => {
    if (!grants) return;
    for (const id of Object.keys(grants)) {
      const raw = grants[id] as RawIntegrationGrant;
      const integration = model.integrations.get(id);
      if (!integration) {
        if (wasSkipped('integrations', id)) continue;
        const hint = closest(id, integrationIds);
        error(
          'unknown-integration',
          `integration "${id}" is not declared under integrations${hint ? `; did you mean "${hint}"?` : '; declare it there first'}`,
          whereKey(entry, ...prefix, 'integrations', id),
        );
        continue;
      }
      if (typeof raw === 'string') continue; // a profile alone names no tool and no date
      const grant = resolveIntegrationGrant(raw, integration.value);
      const tools = integration.value.tools;
      if (tools) {
        grant.disabledTools.forEach((tool) => {
          if (Object.hasOwn(tools, tool)) return; // not `in`: `constructor` is no tool
          const index = (raw as { disabled_tools: string[] }).disabled_tools.indexOf(tool);
          const hint = closest(tool, Object.keys(tools));
          error(
            'unknown-tool',
            `integration "${id}" has no tool "${tool}"${hint ? `; did you mean "${hint}"?` : `; its tools are: ${Object.keys(tools).join(', ')}`}`,
            where(entry, ...prefix, 'integrations', id, 'disabled_tools', index),
          );
        });
      }
      checkDate(entry, [...prefix, 'integrations', id, 'expires'], grant.expires, 'this grant');
    }
  };
  const checkPipeGrants = (entry: Declared<unknown>, pipes: Record<string, unknown> | undefined) => {
    if (!pipes) return;
    for (const id of Object.keys(pipes)) {
      const raw = pipes[id];
      if (!model.pipes.has(id) && !wasSkipped('pipes', id)) {
        const hint = closest(id, pipeIds);
        error(
          'unknown-pipe',
          `pipe "${id}" is not declared under pipes${hint ? `; did you mean "${hint}"?` : '; declare it there first'}`,
          whereKey(entry, 'pipes', id),
        );
      }
      const expires = typeof raw === 'object' ? (raw as { expires?: string }).expires : undefined;
      checkDate(entry, ['pipes', id, 'expires'], expires, 'this pipe grant');
    }
  };
  const checkDate = (entry: Declared<unknown>, path: PathSegment[], date: string | undefined, what: string) => {
    if (date === undefined) return;
    if (!isRealDate(date)) error('bad-date', `${date} is not a real calendar date`, where(entry, ...path));
    else if (isExpired(date, today))
      warn(
        'expired',
        `${what} expired on ${date}; it is left out of the desired state. Remove it or extend the date`,
        where(entry, ...path),
      );
  };
  const checkDuration = (
    entry: Declared<unknown> | undefined,
    path: PathSegment[],
    text: string | undefined,
    at?: ReturnType<typeof where>,
  ) => {
    if (text === undefined || parseDurationDays(text) !== undefined) return;
    error(
      'bad-duration',
      `${quoteValue(text)} is not a duration; write a number of days or weeks, like 90d or 12w`,
      at ?? where(entry as Declared<unknown>, ...path),
    );
  };

  // Teams.
  for (const [id, team] of model.teams) {
    const grantsSomething =
      Object.keys(team.value.integrations ?? {}).length + Object.keys(team.value.pipes ?? {}).length > 0;
    team.value.members.forEach((email, index) => {
      const at = () => where(team, 'members', index);
      if (!checkMember(email, at, `team ${id} member`)) return;
      const member = memberByEmail.get(normalizeEmail(email));
      if (member && isGuest(member.value.role) && grantsSomething) {
        error(
          'guest-with-access',
          `${email} is a ${member.value.role} and cannot get the integrations or pipes of team ${id}; guests only use shared forms. Make them a member or take them out of the team`,
          at(),
        );
      }
    });
    checkIntegrationGrants(team, team.value.integrations);
    checkPipeGrants(team, team.value.pipes);
  }

  // Members: guests, redundant grants, dates.
  for (const entry of model.members) {
    const { role } = entry.value;
    const hasIntegrations = Object.keys(entry.value.integrations ?? {}).length > 0;
    const hasPipes = Object.keys(entry.value.pipes ?? {}).length > 0;
    if (isGuest(role) && (hasIntegrations || hasPipes)) {
      error(
        'guest-with-access',
        `a ${role} cannot hold ${hasIntegrations ? 'integrations' : 'pipes'}; guests only use shared forms. Remove the grants or make them a member`,
        whereKey(entry, hasIntegrations ? 'integrations' : 'pipes'),
      );
    } else if (isPrivileged(role) && hasIntegrations) {
      warn(
        'redundant-grant',
        `an ${role} already uses every tool of every integration; these grants only matter if the role is lowered`,
        whereKey(entry, 'integrations'),
      );
    } else if (isPrivileged(role) && hasPipes) {
      warn(
        'redundant-grant',
        `an ${role} is already an admin of every pipe; these levels only matter if the role is lowered`,
        whereKey(entry, 'pipes'),
      );
    }
    checkIntegrationGrants(entry, entry.value.integrations);
    checkPipeGrants(entry, entry.value.pipes);
    checkDate(entry, ['expires'], entry.value.expires, `${entry.value.email}'s membership`);
  }

  // Owners and plan limits count the people present today: not when some were left out.
  const counted = !skipped || (skipped.memberEntries === 0 && !skipped.sections.has('members'));
  const owners = desired.members.filter((member) => member.role === 'owner').length;
  const workspaceAt = model.root.locate(['workspace'], { key: true });
  if (counted && owners === 0) {
    error('no-owner', 'no member has role owner; a workspace always needs at least one owner', workspaceAt);
  } else if (counted && owners < model.policy.minOwners) {
    error(
      'too-few-owners',
      `policy.min_owners is ${model.policy.minOwners} but only ${owners} member(s) are owners; add owners or lower the policy`,
      model.root.locate(['policy', 'min_owners']),
    );
  }
  if (model.workspace.plan === 'starter') {
    const privileged = desired.members.filter((member) => isPrivileged(member.role)).length;
    if (counted && privileged > STARTER_MAX_ADMINS) {
      error(
        'starter-admin-limit',
        `the starter plan allows at most ${STARTER_MAX_ADMINS} owners and admins; this config has ${privileged}. Lower some roles or change the plan`,
        model.root.locate(['workspace', 'plan']),
      );
    }
    for (const entry of model.members) {
      if (isGuest(entry.value.role)) {
        error(
          'starter-guest',
          `the starter plan does not support ${entry.value.role}s; remove ${entry.value.email} or change the plan`,
          where(entry, 'role'),
        );
      }
    }
  }

  // Keys.
  const keyByName = new Map<string, Declared<unknown>>();
  const keyByDeliverPath = new Map<string, Declared<unknown>>();
  const reserved = reservedFiles(model);
  for (const entry of model.keys) {
    const key = entry.value;
    const first = keyByName.get(key.name);
    if (first) {
      const at = where(first, 'name');
      error(
        'duplicate-key-name',
        `key ${key.name} is already declared at ${at.file}:${at.line}:${at.col}; key names are unique`,
        where(entry, 'name'),
      );
    }
    keyByName.set(key.name, entry);
    const allIntegrations = key.integrations === ALL_INTEGRATIONS;
    if (key.integrations !== ALL_INTEGRATIONS) checkIntegrationGrants(entry, key.integrations);
    if (allIntegrations && key.type !== 'workspace') {
      error(
        'all-integrations-personal-key',
        `integrations: all is for workspace keys; personal key ${key.name} already carries all of its owner's access when it names no integrations, so leave integrations out`,
        where(entry, 'integrations'),
      );
    }
    (key.users ?? []).forEach((email, index) => {
      checkMember(email, () => where(entry, 'users', index), `key ${key.name} user`);
    });
    checkDate(entry, ['expires'], key.expires, `key ${key.name}`);
    checkDuration(entry, ['rotate_every'], key.rotate_every);
    const deliverProblem =
      key.deliver?.file === undefined
        ? undefined
        : deliverFileProblem(key.name, key.deliver.file, dirname(entry.file.absolutePath), reserved);
    if (deliverProblem) error('bad-deliver-path', deliverProblem, where(entry, 'deliver', 'file'));
    const target =
      key.deliver?.file === undefined ? undefined : resolve(dirname(entry.file.absolutePath), key.deliver.file);
    const sharing = target === undefined ? undefined : keyByDeliverPath.get(target);
    if (sharing) {
      const at = where(sharing, 'deliver', 'file');
      error(
        'duplicate-deliver-path',
        `key ${key.name} delivers to the same file as the key at ${at.file}:${at.line}:${at.col}; one secret would overwrite the other. Give each key its own deliver.file`,
        where(entry, 'deliver', 'file'),
      );
    } else if (target !== undefined) keyByDeliverPath.set(target, entry);

    if (key.type === 'workspace') {
      if (key.owner)
        error(
          'workspace-key-owner',
          `workspace key ${key.name} belongs to nobody; remove owner (or make it a personal key)`,
          whereKey(entry, 'owner'),
        );
      if (!allIntegrations && Object.keys(key.integrations ?? {}).length === 0) {
        error(
          'workspace-key-without-scope',
          `workspace key ${key.name} needs integrations: the integrations it may use, each with a profile (or all, for every integration)`,
          where(entry),
        );
      }
      continue;
    }
    if (!key.owner) {
      error(
        'personal-key-without-owner',
        `personal key ${key.name} needs an owner: the member whose access it carries`,
        where(entry),
      );
      continue;
    }
    if (!checkMember(key.owner, () => where(entry, 'owner'), `key ${key.name} owner`)) continue;
    const owner = memberByEmail.get(normalizeEmail(key.owner))?.value;
    if (owner && isExpired(owner.expires, today)) {
      warn(
        'expired',
        `the membership of ${key.owner} has expired, so personal key ${key.name} is left out too`,
        where(entry, 'owner'),
      );
      continue;
    }
    if (!owner || isPrivileged(owner.role)) continue;
    if (isGuest(owner.role)) {
      error('guest-with-access', `${key.owner} is a ${owner.role}; guests cannot hold keys`, where(entry, 'owner'));
      continue;
    }
    if (skipped) continue; // what the owner holds may come from a team that was left out
    for (const scope of desiredKeyScope(desired, key.name)) {
      const granted = desired.grants.find(
        (grant) => grant.email === normalizeEmail(key.owner as string) && grant.integration === scope.integration,
      );
      if (!granted || profileRank(granted.profile) < profileRank(scope.profile)) {
        error(
          'key-scope-exceeds-owner',
          `key ${key.name} asks for ${scope.profile} on ${scope.integration}, but its owner ${key.owner} has ${granted ? granted.profile : 'no access to it'}; a personal key carries at most its owner's access`,
          whereKey(entry, 'integrations', scope.integration),
        );
      }
    }
  }

  checkPersonalKeyLimit(model, error);
  checkPipeLevelsOnPlan(model, error);
  checkProviderRules(model, error);
  checkRedundantTeamGrants(model, warn);

  // Policy durations.
  checkDuration(
    undefined,
    [],
    model.policy.personalKeys.maxAge,
    model.root.locate(['policy', 'personal_keys', 'max_age']),
  );
  return out;
}

/** " (it contains U+0430)": how an email differs from the plain-ASCII one it looks like. */
function nonAscii(email: string): string {
  const codes = [...new Set(email)]
    .filter((char) => char.codePointAt(0)! > 0x7e)
    .map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return codes.length > 0 ? ` (it contains ${codes.join(', ')})` : '';
}

function desiredKeyScope(desired: WorkspaceState, name: string) {
  return desired.keys.find((key) => key.name === name)?.scope ?? [];
}
