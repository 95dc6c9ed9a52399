// The fake Pipefy as a process of its own (for a test that kills the CLI, or a manual try):
// `node dist/bench/fake-pipefy/main.js [seed.json] [port]` prints "fake pipefy listening on <url>".
// SIGUSR2 prints its operation log as one JSON line, for a test to read after the fact.
import { readFileSync } from 'node:fs';
import { startFakePipefy } from './server.js';
import type { FakeSeed } from './state.js';

const [seedPath, port] = process.argv.slice(2);
const seed = seedPath ? (JSON.parse(readFileSync(seedPath, 'utf8')) as FakeSeed) : {};
const fake = await startFakePipefy(seed, port ? Number(port) : 0);
console.log(`fake pipefy listening on ${fake.url}`);
process.on('SIGUSR2', () => console.log(JSON.stringify({ operations: fake.state.operations })));
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
