// What a config may declare depends on its provider: Pipefy knows its pipes by number and has no
// integrations or keys, and roster does not manage its pipes' visibility or the company's settings
// there (a plan could never carry them out); a pipefy_id means nothing to the other providers.
import type { SourceRef } from '../model/state.js';
import { type ConfigModel, where, whereKey } from './model.js';

export function checkProviderRules(model: ConfigModel, error: (code: string, message: string, at: SourceRef) => void) {
  const pipefy = model.provider.type === 'pipefy';
  const byPipefyId = new Map<string, string>();
  for (const [id, entry] of model.pipes) {
    const pipefyId = entry.value.pipefy_id;
    if (!pipefy) {
      if (pipefyId !== undefined)
        error(
          'pipefy-id-without-pipefy',
          `pipe ${id} has a pipefy_id, but the provider is ${model.provider.type}: pipefy_id is only for provider pipefy; remove it`,
          whereKey(entry, 'pipefy_id'),
        );
      continue;
    }
    if (pipefyId === undefined) {
      error(
        'missing-pipefy-id',
        `pipe ${id} has no pipefy_id: with provider pipefy every pipe names its Pipefy pipe; add pipefy_id with the number in the pipe's URL (app.pipefy.com/pipes/<id>)`,
        whereKey(entry),
      );
      continue;
    }
    const twin = byPipefyId.get(String(pipefyId));
    if (twin !== undefined) {
      error(
        'duplicate-pipefy-id',
        `pipes ${twin} and ${id} both have pipefy_id ${pipefyId}; one Pipefy pipe is one pipe in the config`,
        where(entry, 'pipefy_id'),
      );
    } else byPipefyId.set(String(pipefyId), id);
  }
  if (!pipefy) return;
  for (const [id, entry] of model.pipes) {
    if (entry.value.visibility === undefined) continue;
    error(
      'pipefy-no-visibility',
      `pipe ${id} declares a visibility, which the pipefy provider does not manage; remove it and set the pipe's visibility in Pipefy`,
      whereKey(entry, 'visibility'),
    );
  }
  if (Object.keys(model.settings).length > 0) {
    error(
      'pipefy-no-settings',
      'settings are not managed by the pipefy provider; remove the settings block and set them in Pipefy',
      model.root.locate(['settings'], { key: true }),
    );
  }
  for (const [id, entry] of model.integrations) {
    error(
      'pipefy-no-integrations',
      `integration ${id} cannot be managed in Pipefy: the pipefy provider manages company members and pipe members only; remove it (keep integrations in a config for another provider)`,
      whereKey(entry),
    );
  }
  for (const entry of model.keys) {
    error(
      'pipefy-no-keys',
      `key ${entry.value.name} cannot be managed in Pipefy: the pipefy provider manages company members and pipe members only; remove it`,
      where(entry),
    );
  }
}
