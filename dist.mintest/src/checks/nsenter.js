// Runs a program in some of a process's namespaces with nsenter(1): the checks' independent view.
import { realSys } from '../sys/real.js';
/** In rootless mode the helper must enter the container's user namespace first to have rights there. */
export function nsenter(pid, namespaces, argv, rootless, sys = realSys) {
    const flags = namespaces.map((n) => `--${n}`);
    const user = rootless ? ['--user', '--preserve-credentials'] : [];
    const result = sys.runSync(['nsenter', '--target', String(pid), ...user, ...flags, '--', ...argv], { timeoutMs: 5000, log: false });
    if (result.error)
        throw new Error(`nsenter could not run: ${result.stderr || result.error} (install util-linux)`);
    if (result.status !== 0)
        throw new Error(`nsenter ${argv.join(' ')} failed: ${(result.stderr || '').trim()}`);
    return result.stdout;
}
