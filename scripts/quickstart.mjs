// The README quick start: validate, plan, apply and plan again on the embedded local provider,
// using examples/quickstart/roster.yaml and a SQLite workspace in .roster/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = 'examples/quickstart/roster.yaml';

function roster(title, args, expected = [0]) {
  console.log(`\n=== ${title}: roster ${args.join(' ')}`);
  const run = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: root, stdio: 'inherit' });
  if (!expected.includes(run.status)) {
    console.error(`\nquick start failed at "${title}" (exit ${run.status})`);
    process.exit(1);
  }
  return run.status;
}

roster('1. validate the config', ['validate', '-c', config]);
roster('2. plan against the local workspace', ['plan', '-c', config]);
roster('3. apply it', ['apply', '-c', config, '--yes']);
roster('4. plan again: nothing left to do', ['plan', '-c', config, '--detailed-exitcode']);
console.log(
  '\nDone. The workspace is .roster/quickstart.db; the support bot key is in examples/quickstart/.roster/secrets/.',
);
console.log('Edit examples/quickstart/roster.yaml and run npm start again to see a plan of your change.');
