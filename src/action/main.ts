// The GitHub Action's entry point (action.yml runs its bundle, action/index.js): reads the inputs
// and the run's context, runs the command, and ends a failure in one setFailed with its message.
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { AppError, expectedFailure } from '../app/errors.js';
import { GitHubError } from '../github/errors.js';
import { visible } from '../render/visible.js';
import { readGithubContext } from './context.js';
import { readInputs } from './inputs.js';
import { planCommand } from './plan.js';
import type { ActionReporter } from './reporter.js';
import { validateCommand } from './validate.js';
import { gitHubFor } from './base.js';
import { reportDrift } from './drift.js';
import { applyMerge } from './merge.js';
import { planPullRequest } from './pull-request.js';

/** Events whose payload is a pull request: its plan is commented on it and its approvals checked. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review']);

/**
 * A line of the log that starts with `::` (or `##[`) is a command to the runner: fake annotations,
 * add-mask, stop-commands. What roster logs holds untrusted text (a pull request's file names and
 * values, the workspace's names), so it goes between stop-commands with a token made for this
 * write, which no text can guess and end early: the runner shows it and obeys none of it.
 */
function logInert(text: string): void {
  const token = randomBytes(16).toString('hex');
  core.info(`::stop-commands::${token}`);
  core.info(text);
  core.info(`::${token}::`);
}

const reporter: ActionReporter = {
  info: logInert,
  annotate: (severity, message, at) => (severity === 'error' ? core.error : core.warning)(message, at),
  setOutput: (name, value) => core.setOutput(name, value),
  summary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write();
  },
};

async function run(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const ctx = readGithubContext(process.env);
  switch (inputs.command) {
    case 'validate':
      return validateCommand(reporter, ctx, inputs);
    case 'plan': {
      if (PULL_REQUEST_EVENTS.has(ctx.eventName)) return planPullRequest(reporter, ctx, inputs, gitHubFor(ctx, inputs));
      const { plan } = await planCommand(reporter, ctx, inputs, process.env);
      if (plan.blocked.length > 0) {
        throw new AppError(
          'plan-blocked',
          `the plan is blocked by ${plan.blocked.length} guard(s); see the plan for what would need an override`,
        );
      }
      return;
    }
    case 'apply':
      return applyMerge(reporter, ctx, inputs, gitHubFor(ctx, inputs));
    case 'drift':
      return reportDrift(reporter, ctx, inputs, gitHubFor(ctx, inputs));
  }
}

try {
  await run();
} catch (error) {
  const expected = expectedFailure(error);
  core.setFailed(
    expected
      ? `[${expected.code}] ${visible(expected.message)}${expected.hint ? `\nhint: ${expected.hint}` : ''}`
      : error instanceof GitHubError
        ? `[github-${error.code}] ${visible(error.message)}\nhint: check the github-token input and the workflow's permissions`
        : `[internal] ${visible((error as Error).message)}. This is a bug in roster; please report it`,
  );
}
