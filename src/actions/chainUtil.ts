// What the chain actions share: the running daemons, a program run that fails with its own words.
import type { LabContext } from '../steps/context.js';
import { chain } from './chainState.js';
import type { PrivateDaemons } from '../chain/daemons.js';
import type { ProgramRun } from '../sys/programs.js';
import { tail } from '../sys/programs.js';
import { logRun } from '../sys/programs.js';
import { LabError } from '../errors.js';

export function requireDaemons(ctx: LabContext, need: { docker?: boolean } = {}): PrivateDaemons {
  const d = chain(ctx).daemons;
  if (!d?.containerd) throw new LabError('the lab\'s containerd is not running', 'run the step that starts the daemons first');
  if (need.docker && !d.dockerd) throw new LabError('the lab\'s dockerd is not running', 'run the step that starts dockerd first');
  return d;
}

/** Logs the run; a non-zero exit becomes the step's error, in the program's own last words. */
export function checked(run: ProgramRun, what: string, expected = 0): ProgramRun {
  logRun(run);
  if (run.status !== expected) {
    throw new LabError(`${what} failed (${run.signal ?? 'exit ' + run.status}): ${tail(run.stderr || run.stdout) || 'no message'}`);
  }
  return run;
}

export function outputLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
