#!/usr/bin/env node
// The command's entry: checks the Node version with nothing else loaded, then starts the command line (cli.tsx).
import { nodeVersionProblem } from './nodeVersion.js';

const problem = nodeVersionProblem(process.version);
if (problem) {
  process.stderr.write(problem + '\n');
  process.exitCode = 1;
} else {
  await import('./cli.js');
}
