#!/usr/bin/env node
import { CLOSED_PIPE_STATUS, processIo } from './io.js';
import { runCli } from './program.js';

const io = processIo();
const status = await runCli(process.argv.slice(2), io);
// A command that failed says so by its own status; one that succeeded but could not write all it
// had to a closed pipe reports that as the shell does for any writer whose reader left.
process.exitCode = status === 0 && io.readerGone() ? CLOSED_PIPE_STATUS : status;
