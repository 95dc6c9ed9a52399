// The workspace itself, its integrations (with tool catalogs) and its pipes. Integrations the
// config no longer declares are diff-disconnect's.
import type { WorkspaceState } from '../model/state.js';
import { adoption, planned } from './planned.js';
import type { PlannedChange, PlanWarning } from './types.js';

export function diffCatalog(
  desired: WorkspaceState,
  actual: WorkspaceState,
  out: PlannedChange[],
  warnings: PlanWarning[],
): void {
  const { name, plan } = desired.workspace;
  if (name !== actual.workspace.name || plan !== actual.workspace.plan) {
    const parts = [
      // A fresh workspace has no name yet: it gets one, it does not change from "".
      ...(name !== actual.workspace.name
        ? [actual.workspace.name ? `name "${actual.workspace.name}" -> "${name}"` : `set name "${name}"`]
        : []),
      ...(plan !== actual.workspace.plan ? [`plan ${actual.workspace.plan} -> ${plan}`] : []),
    ];
    out.push(
      planned(
        {
          kind: 'workspace.update',
          ...(name !== actual.workspace.name ? { name } : {}),
          ...(plan !== actual.workspace.plan ? { plan } : {}),
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
    if (!current) out.push(planned({ kind: 'pipe.create', id: pipe.id, ...name }, `pipe:${pipe.id}`, 'create', source));
    else if (pipe.name !== undefined && pipe.name !== current.name) {
      out.push(
        planned({ kind: 'pipe.update', id: pipe.id, ...name }, `pipe:${pipe.id}`, `name -> "${pipe.name}"`, source),
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

function describeToolChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const changes: string[] = [];
  for (const [tool, kind] of Object.entries(after)) {
    if (!Object.hasOwn(before, tool)) changes.push(`+${tool} (${kind})`);
    else if (before[tool] !== kind) changes.push(`~${tool} ${before[tool]} -> ${kind}`);
  }
  for (const tool of Object.keys(before)) if (!Object.hasOwn(after, tool)) changes.push(`-${tool}`);
  return changes;
}
