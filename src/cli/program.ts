// The command tree. Each action is thin: parse flags, call the core, print, return an exit code.
import { Command, CommanderError, Option } from 'commander';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { runServe } from './serve.js';
import { runValidate } from './validate.js';

const CONFIG_DEFAULT = 'roster.yaml';

export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('roster')
    .description(
      'Team access as code: plan and apply workspace members, roles, tool profiles, pipe permissions and keys from YAML.',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('validate')
    .description('check the config files against the schema and the workspace rules')
    .option('-c, --config <file>', 'root config file', CONFIG_DEFAULT)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action((options) => {
      exitCode = runValidate(io, options);
    });

  program
    .command('serve')
    .description('run the reference workspace server (management API, authorize endpoint, audit log) on a SQLite file')
    .option('--db <path>', 'the workspace SQLite file', '.roster/state.db')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--bootstrap-owner <email>', 'on an empty workspace, create this owner and write their key to a 0600 file')
    .option('--rate-limit <n>', 'requests per second per key (bursts of 4x)', '50')
    .option('--quiet', 'do not log requests')
    .action(async (options) => {
      exitCode = await runServe(io, options);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof CliError) {
      io.err(`error [${error.code}]: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(
      `error [internal]: ${(error as Error).message}\nThis is a bug in roster; please report it with the command you ran.\n`,
    );
    return 1;
  }
}
