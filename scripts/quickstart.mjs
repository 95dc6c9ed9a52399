// The README quick start: validate, show the plan (saved), apply exactly that plan, and plan again,
// on the embedded local provider, using examples/quickstart/roster.yaml and a SQLite workspace in
// .roster/. QUICKSTART_WORKDIR runs it on a copy in another folder (the tests do).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const config = 'examples/quickstart/roster.yaml';
const savedPlan = '.roster/quickstart-plan.json';
const workdir = process.env.QUICKSTART_WORKDIR ?? root;
if (workdir !== root) cpSync(join(root, config), join(workdir, config));
mkdirSync(join(workdir, '.roster'), { recursive: true });

function roster(title, args, expected = [0]) {
  console.log(`\n=== ${title}: roster ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: workdir, stdio: 'inherit' });
  if (!expected.includes(run.status)) {
    console.error(`\nquick start failed at "${title}" (exit ${run.status})`);
    process.exit(1);
  }
  return run.status;
}

roster('1. validate the config', ['validate', '-c', config]);
roster('2. the plan: what apply will change in the local workspace', ['plan', '-c', config, '--out', savedPlan]);
roster('3. apply exactly that plan', ['apply', savedPlan, '-c', config]);
roster('4. plan again: nothing left to do', ['plan', '-c', config, '--detailed-exitcode']);
console.log(
  '\nDone. The workspace is .roster/quickstart.db; the support bot key is in examples/quickstart/.roster/secrets/.',
);
console.log('Edit examples/quickstart/roster.yaml and run npm start again to see a plan of your change.');
