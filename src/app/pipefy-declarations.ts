// What a Pipefy provider takes from the config: the pipes by pipefy_id (with their config line),
// and what Pipefy does not let roster change (the workspace, people's names), reported as declared.
import type { ConfigModel } from '../config/model.js';
import type { WorkspaceState } from '../model/state.js';
import type { PipefyDeclarations } from '../providers/pipefy/snapshot.js';

/** The pipes (with their pipefy_id and config line), workspace and names a Pipefy provider reports as declared. */
export function pipefyDeclarations(model: ConfigModel, desired: WorkspaceState): PipefyDeclarations {
  return {
    workspace: desired.workspace,
    pipes: desired.pipes.map((pipe) => ({
      id: pipe.id,
      pipefyId: String(model.pipes.get(pipe.id)?.value.pipefy_id ?? ''),
      ...(pipe.name ? { name: pipe.name } : {}),
      ...(pipe.source ? { source: pipe.source } : {}),
    })),
    names: new Map(desired.members.flatMap((member) => (member.name ? [[member.email, member.name] as const] : []))),
  };
}
