// One measured run of a roster command, in a process of its own so that its peak memory is its
// own. Prints one JSON line: wall time of the command (after start-up), peak RSS, exit code.
import { performance } from 'node:perf_hooks';
import { runCli } from '../cli/program.js';

export interface ScenarioResult {
  ms: number;
  /** CPU time of the command (user + system), steadier than wall time on a busy machine. */
  cpuMs: number;
  peakRssMb: number;
  exitCode: number;
  /** The command's stderr, only when it failed. */
  stderr?: string;
}

const [cwd, ...args] = process.argv.slice(2);
if (!cwd) throw new Error('usage: scenario.js <cwd> <roster arguments...>');

let stderr = '';
const started = performance.now();
const cpuBefore = process.cpuUsage();
const exitCode = await runCli(args, {
  out: () => {},
  err: (text) => (stderr += text),
  isTty: false,
  env: process.env,
  cwd,
});
const result: ScenarioResult = {
  ms: performance.now() - started,
  cpuMs: cpuMilliseconds(process.cpuUsage(cpuBefore)),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  exitCode,
  ...(exitCode === 1 ? { stderr } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);

function cpuMilliseconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
