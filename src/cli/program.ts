// The command tree. Each action is thin: parse flags, call the core, print, return an exit code.
// Each loads its module when it runs, so a command starts without loading what only the others
// need (the server, the review's renderers, a provider's client).
import { Argument, Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { visible } from '../render/visible.js';
import { AppError, expectedFailure } from '../app/errors.js';
import type { Io } from './io.js';
import { REVIEW_FORMATS } from './review-formats.js';
import { completionScript, SHELLS } from './completion.js';
import { colourWanted } from './colour.js';
import { packageVersion } from './version.js';

const CONFIG_DEFAULT = 'roster.yaml';

export async function runCli(argv: string[], given: Io): Promise<number> {
  let exitCode = 0;
  const io: Io = { ...given };
  const program = new Command('roster')
    .description(
      'Team access as code: plan and apply workspace members, roles, tool profiles, pipe permissions and keys from YAML.',
    )
    .version(packageVersion())
    .option('--no-color', 'no colour in terminal output (also when NO_COLOR is set)')
    .exitOverride()
    // Commander's own errors (a missing argument, an unknown option) are printed in roster's format
    // below, from the error it throws; its help and version go out as they are.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => {} });
  program.hook('preAction', () => {
    io.colour = colourWanted(io.isTty, io.env, program.opts().color === false);
  });

  program
    .command('validate')
    .description('check the config files against the schema and the workspace rules')
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--all-warnings', 'print every warning (text shows the first 5 of each code, then a count)')
    .action(async (options) => {
      const { runValidate } = await import('./validate.js');
      exitCode = runValidate(io, options);
    });

  program
    .command('plan')
    .description('show what apply would change in the workspace, and why')
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--out <file>', 'also save the plan as JSON, to apply exactly it later')
    .option('--base-config <file>', "take the provider from this file (the base branch's config), not from the config")
    .option('--detailed-exitcode', 'exit 2 when there are changes (0 none, 1 error or blocked)')
    .option('--summary', 'print only the number of changes of each kind')
    .option('--allow-removals', 'let removals beyond policy.max_removals through')
    .option('--allow-mass-changes', 'let role, grant, pipe level and key updates beyond policy.max_updates through')
    .action(async (options) => {
      const { runPlan } = await import('./plan.js');
      exitCode = await runPlan(io, options);
    });

  program
    .command('apply')
    .description('apply the plan: a fresh one after confirmation, or exactly a saved one')
    .argument('[plan]', 'a saved plan to apply, as with --plan')
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .option('--plan <file>', 'apply this saved plan; refused if the workspace or the config changed since')
    .option('--base-config <file>', "take the provider from this file (the base branch's config), not from the config")
    .option('--yes', 'do not ask for confirmation (needed when not on a terminal)')
    .option('--allow-removals', 'let removals beyond policy.max_removals through')
    .option('--allow-mass-changes', 'let role, grant, pipe level and key updates beyond policy.max_updates through')
    .option('--secrets-dir <dir>', "write each deliver.file inside this folder instead of its config's folder")
    .action(async (plan: string | undefined, options) => {
      const { runApply } = await import('./apply.js');
      exitCode = await runApply(io, { ...options, plan: savedPlanArgument(plan, options.plan) });
    });

  program
    .command('export')
    .description("write the workspace's actual state as a roster.yaml that validates")
    .option(
      '-c, --config <file>',
      'config naming the workspace (its provider) and what the workspace does not store: policy, github logins, rotate_every, deliver; when the file does not exist, the local .roster/state.db beside it',
      CONFIG_DEFAULT,
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options) => {
      const { runExport } = await import('./export.js');
      exitCode = await runExport(io, options);
    });

  program
    .command('serve')
    .description(
      'run the reference workspace server (management API, authorize endpoint, audit log) on a SQLite file or PostgreSQL',
    )
    .option(
      '--db <path-or-url>',
      'the workspace: a SQLite file, or a postgres:// URL shared by several instances (default: $ROSTER_DATABASE_URL, else .roster/state.db)',
    )
    .option('--db-pool-size <n>', 'connections to PostgreSQL this instance may open', '4')
    .option(
      '--strict-consistency',
      'on PostgreSQL, read the state version before every decision instead of learning of changes by notification',
    )
    .option(
      '--owner-key-file <path>',
      'where --bootstrap-owner or --owner-key-for writes the new key (0600, never overwritten)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--bootstrap-owner <email>', 'on an empty workspace, create this owner and write their key to a 0600 file')
    .option(
      '--owner-key-for <email>',
      'issue a new personal key to this owner or admin of the workspace file (one built with roster apply) and write it to a 0600 file beside it',
    )
    .option('--rate-limit <n>', 'requests per second per key (bursts of 4x)', '50')
    .option('--quiet', 'do not log requests')
    .action(async (options) => {
      const { runServe } = await import('./serve.js');
      exitCode = await runServe(io, options);
    });

  program
    .command('migrate-store')
    .description('copy a SQLite workspace into an empty PostgreSQL one, then check every row arrived')
    .option('--from <path>', 'the workspace SQLite file', '.roster/state.db')
    .option('--to <url>', 'the PostgreSQL workspace (default: $ROSTER_DATABASE_URL)')
    .action(async (options) => {
      const { runMigrateStore } = await import('./migrate-store.js');
      exitCode = runMigrateStore(io, options);
    });

  program
    .command('init')
    .description('write a starter roster.yaml (never overwriting one), or the existing workspace as export does')
    .option('-c, --config <file>', 'the config file to write', CONFIG_DEFAULT)
    .option('--owner <email>', "the workspace's first owner")
    .option('--from-workspace', 'write the local workspace beside the file as it is, like roster export')
    .action(async (options) => {
      const { runInit } = await import('./init.js');
      exitCode = await runInit(io, options);
    });

  program
    .command('who')
    .description('what one person can use, or who can use one integration or pipe, and why; from the config')
    .argument('<target>', "a member's email, an integration id or a pipe id")
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (target: string, options) => {
      const { runWho } = await import('./who.js');
      exitCode = runWho(io, target, options);
    });

  program
    .command('review')
    .description('the access review: who can use what in the workspace, where it comes from, and what to act on')
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .addOption(new Option('--format <format>', 'output format').choices(REVIEW_FORMATS).default('markdown'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--as-of <date>', 'the day to review as of (YYYY-MM-DD; default today, UTC)')
    .option('--max-length <chars>', 'markdown: cut a longer review at a table row, saying what was left out')
    .option(
      '--full-review-at <markdown>',
      'markdown: where the whole review is, for the lines that say what was left out',
    )
    .action(async (options) => {
      const { runReview } = await import('./review.js');
      exitCode = await runReview(io, options);
    });

  program
    .command('audit')
    .description("the workspace's audit log: who did what and when, with the commit, pull request and approvers")
    .option('-c, --config <file>', 'root config file (its provider)', CONFIG_DEFAULT)
    .option('--member <email>', 'only records about or by this member (removed members too)')
    .option('--key <name>', 'only records made with this key')
    .option('--since <date>', 'only records at or after this date (YYYY-MM-DD) or time (ISO, with a zone)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options) => {
      const { runAudit } = await import('./audit.js');
      exitCode = await runAudit(io, options);
    });

  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: (typeof SHELLS)[number]) => {
      io.out(completionScript(program, shell));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.message.startsWith('error: ')) io.err(usageError(error, argv, program));
      return error.exitCode === 0 ? 0 : 1;
    }
    const expected = expectedFailure(error);
    if (expected) {
      io.err(
        `error [${expected.code}]: ${expected.message.split('\n').map(visible).join('\n')}\n${expected.hint ? `hint: ${expected.hint}\n` : ''}`,
      );
      return expected.exitCode;
    }
    io.err(
      `error [internal]: ${(error as Error).message}\nThis is a bug in roster; please report it with the command you ran.\n`,
    );
    return 1;
  }
}

/**
 * "error [unknown-option]: unknown option '--formt'" and where to read the usage: commander's
 * codes ("commander.unknownOption") in roster's spelling, like every other error roster prints.
 */
function usageError(error: CommanderError, argv: readonly string[], program: Command): string {
  const code = error.code.replace(/^commander\./, '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const command = program.commands.find((candidate) => candidate.name() === argv[0]);
  const help = command ? `roster ${command.name()} --help` : 'roster --help';
  // Commander puts its "(Did you mean --format?)" on a line of its own: one line here.
  const message = error.message.slice('error: '.length).trim().split('\n').map(visible).join(' ');
  return `error [${code}]: ${message}\nhint: ${help} lists the arguments and options\n`;
}

/** `roster apply plan.json` and `roster apply --plan plan.json` say the same; two different plans say nothing. */
function savedPlanArgument(positional: string | undefined, flag: string | undefined): string | undefined {
  if (positional && flag && resolve(positional) !== resolve(flag))
    throw new AppError('bad-arguments', `two plans given (${positional} and --plan ${flag}): apply one`);
  return positional ?? flag;
}
