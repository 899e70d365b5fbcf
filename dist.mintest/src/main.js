#!/usr/bin/env node
// The command's entry: checks the Node version with nothing else loaded, then starts the command line (cli.tsx).
import { nodeVersionProblem } from './nodeVersion.js';
const problem = nodeVersionProblem(process.version, process.execPath);
if (problem) {
    process.stderr.write(problem + '\n');
    // 2, as for a usage error: nothing ran, and the fix is in how the command is started
    process.exitCode = 2;
}
else {
    await import('./cli.js');
}
