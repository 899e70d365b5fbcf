import { chain } from './chainState.js';
import { tail } from '../sys/programs.js';
import { quote } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';
export function requireDaemons(ctx, need = {}) {
    const d = chain(ctx).daemons;
    if (!d?.containerd)
        throw new LabError('the lab\'s containerd is not running', 'run the step that starts the daemons first');
    if (need.docker && !d.dockerd)
        throw new LabError('the lab\'s dockerd is not running', 'run the step that starts dockerd first');
    return d;
}
/** A non-zero exit (or another than expected) becomes the step's error, in the program's own last words. */
export function checked(run, what, expected = 0) {
    if (run.status !== expected) {
        throw new LabError(`${what} failed (${run.signal ?? 'exit ' + run.status}): ${tail(run.stderr || run.stdout) || 'no message'}`);
    }
    return run;
}
export function outputLines(text) {
    return text.split('\n').filter((l) => l.trim() !== '');
}
const shortArg = (a) => quote(a.length > 60 ? a.slice(0, 57) + '...' : a);
const baseName = (path) => path.slice(path.lastIndexOf('/') + 1);
/** One log line for a run made quietly (the last of a poll), as the seam logs a run: argv, status, time. */
export function recordRun(sys, run) {
    sys.record(baseName(run.argv[0]), run.argv.slice(1).map(shortArg), run.status ?? (run.signal ? `killed by ${run.signal}` : -1), run.error, run.endedAt - run.startedAt);
}
/** One log line for a daemon started in the background, once it answers: its argv, PID and time to ready. */
export function recordSpawn(sys, argv, pid, readyMs) {
    sys.record(`spawn ${baseName(argv[0])}`, argv.slice(1).map((a) => quote(a)), pid, undefined, readyMs);
}
/** Whether the host has a docker0 link (ip(8), run quietly). */
export function hasDocker0(sys) {
    const links = sys.runSync(['ip', '-o', 'link', 'show', 'docker0'], { log: false });
    return links.status === 0 && links.stdout.trim() !== '';
}
