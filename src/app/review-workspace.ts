// The review use case: validate the config, read the workspace and what its provider records of
// use, and make the review (src/app/review/). Nothing is changed anywhere.
import { validateConfig } from '../config/validate.js';
import { normalizeEmail } from '../model/state.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { AppError } from './errors.js';
import type { AppIo } from './io.js';
import { pipefyDeclarations } from './pipefy-declarations.js';
import { openProvider } from './provider-factory.js';
import { makeReview, reviewFacts } from './review/review.js';
import type { Review, ReviewFacts } from './review/types.js';

export async function reviewWorkspace(
  io: AppIo,
  options: { config: string; asOf: string },
): Promise<{ review: Review; facts: ReviewFacts }> {
  const validation = validateConfig(options.config, { cwd: io.cwd, today: options.asOf });
  io.log(renderDiagnostics(validation.diagnostics, 'text'));
  if (!validation.ok || !validation.model || !validation.desired) {
    throw new AppError(
      'invalid-config',
      `${options.config} is invalid; fix it first (roster validate -c ${options.config})`,
    );
  }
  // Pipefy's pipes are read by the pipefy_id the config gives them: without these, none would be.
  const provider = await openProvider(
    validation.model.provider,
    io,
    { write: false },
    pipefyDeclarations(validation.model, validation.desired),
  );
  try {
    const snapshot = await provider.snapshot();
    if (snapshot.isNew) {
      throw new AppError(
        'workspace-not-found',
        `${provider.description} does not exist yet: there is no access to review. Apply the config first (roster apply), or check provider.path`,
      );
    }
    const usage = provider.usage ? await provider.usage() : undefined;
    const teams = new Map(
      [...validation.model.teams].map(([id, team]) => [id, team.value.members.map(normalizeEmail)] as const),
    );
    const review = makeReview({
      actual: snapshot.state,
      desired: validation.desired,
      teams,
      asOf: options.asOf,
      ...(usage ? { usage } : {}),
    });
    return { review, facts: reviewFacts(snapshot.state) };
  } finally {
    await provider.close();
  }
}
