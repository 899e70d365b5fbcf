// The container under construction: a Node process that unshares its own namespaces step by step.
//   runs as:    the helper's user (root); rootless: uid 0 of a new user namespace (unshare(1)
//               --user --map-root-user), which is the user outside
//   namespaces: starts in the helper's (rootless: a new user namespace, the rest the host's);
//               then unshares its own (mnt uts ipc pid net cgroup) as the lesson's steps ask
//   started by: the helper: startBuilder() in src/helper/builderProcess.ts, from Lab.open() or
//               ahead of need as the warm spare that the next Lab.open() takes (takeBuilder())
//   ends when:  its stdin closes (stopBuilder(); SIGKILL 1 s later): it kills its PID 1, root
//               changers and shells, then exits; SIGKILL when the helper dies (PR_SET_PDEATHSIG);
//               at start, exit 1 if its parent is not the helper that started it
// It does each kernel call on its main thread (namespaces are per thread: the libuv threadpool
// keeps the old ones), and its children — forked from the main thread — inherit the new ones.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, writeSync } from 'node:fs';
import { runShell } from '../helper/shellRun.js';
import { hostname, release } from 'node:os';
import { serve } from '../helper/rpc.js';
import { LabError } from '../errors.js';
import { getppid } from '../../native/kernel.js';
import { SIGKILL } from '../../native/constants.js';
import { syscallLog } from '../../native/syscallLog.js';
import { rootHandlers, killRootProcesses } from '../builder/rootProcesses.js';
import { ContainerState } from '../builder/state.js';
import { realSys } from '../sys/real.js';
import { execErrno, execHint } from '../../native/execFailure.js';
const state = new ContainerState();
const requireOwnMountNamespace = () => state.requireOwnMountNamespace();
const requireInitIfPidNamespace = () => state.requireInitIfPidNamespace();
function withLog(result) {
    return { ...result, log: syscallLog.drain() };
}
/** The run in the log; a program that did not start carries execve(2)'s own errno (ENOENT, EACCES, ENOEXEC…). */
function spawnEntry(argv, pid, errno) {
    syscallLog.record('spawn', [JSON.stringify(argv.join(' '))], pid || -1, errno);
}
/** The action definitions load on the first step that needs them, not at the builder's start. */
let actionList = null;
const handlers = {
    /** Loads every action's container part now, so that no step waits for it (a spare builder, src/helper/builderProcess.ts). */
    async warm() {
        actionList ??= import('../actions/index.js');
        await actionList;
        return {};
    },
    /** An action's own inContainer part (src/actions/<action>.ts), with this process's kernel seam and state. */
    async step({ action, params, given }) {
        actionList ??= import('../actions/index.js');
        const definition = (await actionList).actionDefinitions.find((d) => d.name === action);
        if (!definition?.inContainer)
            throw new LabError(`the action ${action} has no part that runs in the container process`);
        return withLog(await definition.inContainer({ sys: realSys, state }, definition.params.parse(params), given));
    },
    linkStates({ names }) {
        const out = {};
        for (const name of names) {
            try {
                out[name] = (realSys.kernel.linkFlags(name) & 1) === 1;
            }
            catch {
                // the interface went away between listing and asking
            }
        }
        return out;
    },
    identity() {
        return { hostname: hostname(), release: release() };
    },
    run({ command, timeoutMs }) {
        requireInitIfPidNamespace();
        const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: timeoutMs ?? 10000 });
        const errno = result.error ? execErrno(result.error) : undefined;
        spawnEntry(command, result.pid, errno);
        if (result.error)
            throw new LabError(`could not run ${command[0]}: ${result.error.message}`, execHint(errno, command[0], 'host'), errno);
        return withLog({ status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, pid: result.pid });
    },
    /**
     * A shell on the user's terminal. argv comes from the helper (src/helper/shellCommand.ts): it waits
     * on fd 3 until its banner, with its host PID, is on the terminal, then becomes the shell.
     */
    async shell({ tty, prompt, argv, banner }) {
        requireInitIfPidNamespace();
        const fd = openSync(tty, 'r+');
        let pid = null;
        try {
            const code = await runShell({
                argv,
                terminal: fd,
                env: { ...process.env, PS1: prompt, ENV: '' },
                banner,
                write: (text) => writeSync(fd, text),
                started: (p) => state.shells.add((pid = p)),
            });
            return { code };
        }
        finally {
            if (pid !== null)
                state.shells.delete(pid);
            closeSync(fd);
        }
    },
    ...rootHandlers({ sys: realSys, state }),
};
function shutdown() {
    killRootProcesses();
    for (const pid of [state.initPid, ...state.shells]) {
        if (pid === null)
            continue;
        try {
            process.kill(pid, 'SIGKILL');
        }
        catch {
            // already gone
        }
    }
    process.exit(0);
}
// If the helper dies, even by SIGKILL, the kernel kills us too (prctl(2) PR_SET_PDEATHSIG).
realSys.kernel.setParentDeathSignal(SIGKILL, 'SIGKILL');
if (getppid() !== Number(process.env.CONTAINER_LAB_PARENT ?? getppid()))
    process.exit(1);
syscallLog.drain();
process.on('SIGINT', () => { }); // Ctrl-C in a shell belongs to the shell, not to us
serve(handlers, process.stdin, process.stdout, shutdown, () => syscallLog.drain());
