// A change as what someone does ("change sam@acme.com from member to admin"), for guard messages
// that must read as sentences: "only an owner may <this>", "this provider cannot <this>".
import type { DiffContext } from './context.js';
import type { PlannedChange } from './types.js';

export function changeAsAction(ctx: DiffContext, planned: PlannedChange): string {
  const change = planned.change;
  const detail = planned.summary ? ` (${planned.summary})` : '';
  switch (change.kind) {
    case 'workspace.update':
      return `change the workspace${detail}`;
    case 'member.invite':
      return `invite ${change.email} as ${change.role}`;
    case 'member.update': {
      const before = ctx.actualMembers.get(change.email)?.role;
      const role = change.role ? `change ${change.email} from ${before ?? 'their role'} to ${change.role}` : '';
      const name = change.name !== undefined ? `rename ${change.email} to "${change.name}"` : '';
      const dated = role || name ? '' : `change the last day of ${change.email}${detail}`;
      return role && name ? `${role} and rename them to "${change.name}"` : role || name || dated;
    }
    case 'member.remove': {
      const role = ctx.actualMembers.get(change.email)?.role;
      return `remove ${change.email}${role ? ` (${role})` : ''}`;
    }
    case 'grant.set':
      return `change what ${change.email} may use of ${change.integration}${detail}`;
    case 'grant.remove':
      return `take ${change.integration} away from ${change.email}`;
    case 'pipe_member.set':
      return `put ${change.email} in pipe ${change.pipe} as ${change.level}`;
    case 'pipe_member.remove':
      return `take ${change.email} out of pipe ${change.pipe}`;
    case 'integration.connect':
      return `connect integration ${change.id}`;
    case 'integration.update':
      return `change integration ${change.id}${detail}`;
    case 'integration.disconnect':
      return `disconnect integration ${change.id}`;
    case 'pipe.create':
      return `create pipe ${change.id}`;
    case 'pipe.update':
      return `change pipe ${change.id}${detail}`;
    case 'key.create':
      return `create key ${change.name}${detail}`;
    case 'key.update':
      return `change key ${change.name}${detail}`;
    case 'key.rotate':
      return `rotate key ${change.name}`;
    case 'key.retire_previous':
      return `retire the previous secret of key ${change.name}`;
    case 'key.revoke':
      return `revoke key ${change.name}`;
    case 'key.replace':
      return `replace key ${change.name}${detail}`;
    default:
      return `start managing ${planned.subject.replace(':', ' ')}`;
  }
}

/** "a, b and c"; "a, b, c and 2 more" past max. */
export function sentenceList(items: readonly string[], max: number): string {
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/** "a member", "an admin", "an external-guest". */
export function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
