// `roster init`: a starter roster.yaml for a new workspace (its first owner from --owner), or,
// with --from-workspace, the existing workspace as export writes it. Never overwrites a file.
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateConfig } from '../config/validate.js';
import { AppError } from '../app/errors.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { visible } from '../render/visible.js';
import { runExport } from './export.js';
import type { Io } from './io.js';

export interface InitOptions {
  config: string;
  owner?: string;
  fromWorkspace?: boolean;
}

export async function runInit(io: Io, options: InitOptions): Promise<number> {
  const path = resolve(io.cwd, options.config);
  if (existsSync(path)) {
    throw new AppError(
      'file-exists',
      `${options.config} already exists; roster init never overwrites a config: remove it first, or choose another file with -c`,
    );
  }
  if (options.fromWorkspace) {
    if (options.owner)
      throw new AppError(
        'bad-arguments',
        '--owner and --from-workspace exclude each other: the workspace already has its owners',
      );
    // The file does not exist, so export reads the local workspace beside it: the same code path as `roster export`.
    return runExport(io, { config: options.config, out: options.config });
  }
  if (!options.owner)
    throw new AppError(
      'bad-arguments',
      'roster init needs the first owner: roster init --owner you@example.com (or --from-workspace)',
    );

  // The flag "wx" refuses a file that appeared since the check above.
  writeFileSync(path, starterConfig(options.owner), { flag: 'wx' });
  // An owner that is not an email would make a config that does not validate: take the file back.
  const result = validateConfig(options.config, { cwd: io.cwd });
  if (!result.ok) {
    unlinkSync(path);
    io.err(renderDiagnostics(result.diagnostics, 'text'));
    throw new AppError(
      'bad-arguments',
      `--owner ${visible(JSON.stringify(options.owner))} is not an email address roster accepts; nothing was written`,
    );
  }
  io.err(
    `wrote ${options.config}; next: roster validate -c ${options.config}, then roster plan -c ${options.config}\n`,
  );
  return 0;
}

/** The workspace name a starter file suggests: the first label of the owner's domain ("acme" for ana@acme.com). */
function workspaceName(owner: string): string {
  return owner.split('@')[1]?.split('.')[0] || 'my-workspace';
}

function starterConfig(owner: string): string {
  // JSON strings are YAML double-quoted scalars: whatever --owner holds stays one value.
  const quoted = (value: string) => JSON.stringify(value);
  return `# A starter roster.yaml written by roster init. Every section below is described in roster's
# docs/configuration.md (in the roster repository), in the section named at the end of its comment.
# Check it with: roster validate; see what it would change with: roster plan; apply with: roster apply.
version: 1
workspace: { name: ${quoted(workspaceName(owner))}, plan: business } # plan: starter | business | enterprise | unlimited

# Where the workspace lives: a local SQLite file here; or http (roster serve) or pipefy (docs: provider).
provider: { type: local, path: .roster/state.db }

# Guards on every plan: owners kept, removals and updates budgeted (docs: policy).
policy:
  min_owners: 1

# Connected services and their tools, each read, write or delete (docs: integrations).
# integrations:
#   stripe: { name: Stripe, tools: { find_customer: read, create_refund: write } }

# Processes and their people's levels (docs: pipes).
# pipes:
#   purchase-requests: { name: Purchase requests }

# Grants given to every member of a team (docs: teams).
# teams:
#   finance: { integrations: { stripe: no-delete }, pipes: { purchase-requests: member } }

# People, keyed by email, each with a role: owner, admin, member, guest, external-guest (docs: members).
members:
  - { email: ${quoted(owner)}, role: owner }

# Keys for agents and automations, personal or workspace (docs: keys).
# keys:
#   - { name: support-bot, type: workspace, integrations: { stripe: read-only }, deliver: { file: .roster/secrets/support-bot.key } }
`;
}
