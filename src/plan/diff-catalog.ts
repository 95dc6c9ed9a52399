// The workspace itself, its integrations (with tool catalogs) and its pipes. Integrations the
// config no longer declares are diff-disconnect's.
import { effectiveSettings } from '../model/pipe-powers.js';
import type { WorkspaceSettings, WorkspaceState } from '../model/state.js';
import { adoption, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffCatalog(
  desired: WorkspaceState,
  actual: WorkspaceState,
  out: PlannedChange[],
  warnings: PlanWarning[],
): void {
  const { name, plan } = desired.workspace;
  const settings = settingsChanges(desired, actual);
  if (name !== actual.workspace.name || plan !== actual.workspace.plan || settings.changed) {
    const parts = [
      // A fresh workspace has no name yet: it gets one, it does not change from "".
      ...(name !== actual.workspace.name
        ? [actual.workspace.name ? `name "${actual.workspace.name}" -> "${name}"` : `set name "${name}"`]
        : []),
      ...(plan !== actual.workspace.plan ? [`plan ${actual.workspace.plan} -> ${plan}`] : []),
      ...settings.parts,
    ];
    out.push(
      planned(
        {
          kind: 'workspace.update',
          ...(name !== actual.workspace.name ? { name } : {}),
          ...(plan !== actual.workspace.plan ? { plan } : {}),
          ...(settings.changed ? { settings: settings.changed } : {}),
        },
        'workspace',
        parts.join(', '),
      ),
    );
  }

  const actualIntegrations = new Map(actual.integrations.map((integration) => [integration.id, integration]));
  for (const integration of desired.integrations) {
    const current = actualIntegrations.get(integration.id);
    const name = integration.name ? { name: integration.name } : {};
    const source = integration.source ? { source: integration.source } : {};
    if (!current) {
      const count = Object.keys(integration.tools).length;
      out.push(
        planned(
          { kind: 'integration.connect', id: integration.id, ...name, tools: integration.tools },
          `integration:${integration.id}`,
          `connect with ${count} tool${count === 1 ? '' : 's'}`,
          source,
        ),
      );
      continue;
    }
    // An empty declared catalog means "whatever the workspace has": nothing to change.
    const declaresTools = Object.keys(integration.tools).length > 0;
    const toolChanges = declaresTools ? describeToolChanges(current.tools, integration.tools) : [];
    const renamed = integration.name !== undefined && integration.name !== current.name;
    if (toolChanges.length === 0 && !renamed) {
      if (!current.managed)
        out.push(adoption({ kind: 'integration.adopt', id: integration.id }, `integration:${integration.id}`, source));
    } else {
      out.push(
        planned(
          {
            kind: 'integration.update',
            id: integration.id,
            ...name,
            tools: declaresTools ? integration.tools : current.tools,
          },
          `integration:${integration.id}`,
          [...(renamed ? [`name -> "${integration.name}"`] : []), ...toolChanges].join(', '),
          { ...source, destructive: toolChanges.some((c) => c.startsWith('-')) },
        ),
      );
    }
  }

  const actualPipes = new Map(actual.pipes.map((pipe) => [pipe.id, pipe]));
  for (const pipe of desired.pipes) {
    const current = actualPipes.get(pipe.id);
    const name = pipe.name ? { name: pipe.name } : {};
    const source = pipe.source ? { source: pipe.source } : {};
    // Absent means private, on both sides: a provider that knows no visibility reports none.
    const visibility = pipe.visibility ?? 'private';
    const shown = visibility === 'public' ? { visibility } : {};
    if (!current) {
      out.push(
        planned(
          { kind: 'pipe.create', id: pipe.id, ...name, ...shown },
          `pipe:${pipe.id}`,
          visibility === 'public' ? 'create, public' : 'create',
          source,
        ),
      );
      continue;
    }
    const renamed = pipe.name !== undefined && pipe.name !== current.name;
    const revisible = visibility !== (current.visibility ?? 'private');
    if (renamed || revisible) {
      out.push(
        planned(
          { kind: 'pipe.update', id: pipe.id, ...(renamed ? name : {}), ...(revisible ? { visibility } : {}) },
          `pipe:${pipe.id}`,
          [
            ...(renamed ? [`name -> "${pipe.name}"`] : []),
            ...(revisible ? [`visibility ${current.visibility ?? 'private'} -> ${visibility}`] : []),
          ].join(', '),
          // Going public shows its cards to every company member.
          { ...source, escalation: revisible && visibility === 'public' },
        ),
      );
    } else if (!current.managed) out.push(adoption({ kind: 'pipe.adopt', id: pipe.id }, `pipe:${pipe.id}`, source));
  }
  const desiredPipes = new Set(desired.pipes.map((pipe) => pipe.id));
  for (const pipe of actual.pipes) {
    if (!desiredPipes.has(pipe.id)) {
      warnings.push({
        code: 'unmanaged-pipe',
        subject: `pipe:${pipe.id}`,
        message: `pipe ${pipe.id} exists but is not in the config; roster leaves it alone`,
      });
    }
  }
}

/** The settings the config sets to other values than the workspace has (defaults filled in). */
function settingsChanges(
  desired: WorkspaceState,
  actual: WorkspaceState,
): { changed?: WorkspaceSettings; parts: string[] } {
  const want = effectiveSettings(desired.settings);
  const have = effectiveSettings(actual.settings);
  const changed: WorkspaceSettings = {};
  const parts: string[] = [];
  for (const [field, words] of [
    ['onlyAdminsManagePipeMembers', 'only_admins_manage_pipe_members'],
    ['guestsCanCreatePipes', 'guests_can_create_pipes'],
  ] as const) {
    if (want[field] === have[field]) continue;
    changed[field] = want[field];
    parts.push(`${words} ${have[field]} -> ${want[field]}`);
  }
  return parts.length ? { changed, parts } : { parts };
}

function describeToolChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const changes: string[] = [];
  for (const [tool, kind] of Object.entries(after)) {
    if (!Object.hasOwn(before, tool)) changes.push(`+${tool} (${kind})`);
    else if (before[tool] !== kind) changes.push(`~${tool} ${before[tool]} -> ${kind}`);
  }
  for (const tool of Object.keys(before)) if (!Object.hasOwn(after, tool)) changes.push(`-${tool}`);
  return changes;
}
