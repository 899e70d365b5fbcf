// Builder side of the changing-root and container-by-hand lessons: the processes that chroot, pivot_root or become PID 1.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LabError } from '../errors.js';
import { programs } from '../sys/paths.js';
const REPLY_TIMEOUT_MS = 15000;
/** One changeRoot process (src/programs/changeRoot.ts): requests go in on its stdin, one reply line each comes back. */
class RootProcess {
    role;
    child;
    pid;
    sys;
    replies = [];
    waiter = null;
    ended = false;
    constructor(role, child, pid, sys) {
        this.role = role;
        this.child = child;
        this.pid = pid;
        this.sys = sys;
        const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
        lines.on('line', (line) => {
            if (this.waiter)
                this.take(line);
            else
                this.replies.push(line);
        });
        lines.on('close', () => {
            this.ended = true;
            this.take(null);
        });
        child.stdin.on('error', () => { }); // it died: the reply wait reports it
    }
    get alive() {
        return !this.ended && this.child.exitCode === null && this.child.signalCode === null;
    }
    take(line) {
        const w = this.waiter;
        this.waiter = null;
        w?.(line);
    }
    async request(request) {
        if (!this.alive)
            throw new LabError(`the ${this.role} process (host PID ${this.pid}) has exited`, 'reset the lesson (r) to start again');
        this.child.stdin.write(JSON.stringify(request) + '\n');
        const line = this.replies.shift() ?? await new Promise((resolve) => {
            const timer = setTimeout(() => this.take(null), REPLY_TIMEOUT_MS);
            this.waiter = (l) => {
                clearTimeout(timer);
                resolve(l);
            };
        });
        if (line === null) {
            this.kill();
            throw new LabError(`the ${this.role} process (host PID ${this.pid}) did not answer ${request.op}`);
        }
        return JSON.parse(line);
    }
    /** SIGKILL (logged); node reaps it, as our child. Already gone, or refused: nothing more to do. */
    kill() {
        try {
            this.sys.kill(this.pid, 'SIGKILL');
        }
        catch {
            // EPERM: not ours to kill any more
        }
    }
}
const processes = new Map();
/** Called when the container process shuts down: the root processes go first. */
export function killRootProcesses() {
    for (const p of processes.values())
        p.kill();
    processes.clear();
}
/**
 * The root-process plumbing the actions use (src/actions/rootProcess.ts): start a role's process,
 * pass it one request. Kernel calls and log lines go through the container process's Sys.
 */
export function rootHandlers({ sys, state }, spawnChanger = spawn) {
    return {
        /** Starts (or starts again) the process of a role, as our child: inside our namespaces. */
        startRootProcess({ role }) {
            state.requireOwnMountNamespace();
            if (role !== 'init')
                state.requireInitIfPidNamespace();
            const old = processes.get(role);
            if (old?.alive)
                old.kill();
            // detached: a session of its own, so a Ctrl-C typed in a lab shell never reaches it.
            const child = spawnChanger(process.execPath, [programs.changeRoot, `--container-lab-${role}`], {
                stdio: ['pipe', 'pipe', 'inherit'],
                detached: true,
            });
            sys.record('spawn', [JSON.stringify(`node changeRoot.js --container-lab-${role}`)], child.pid ?? -1);
            if (child.pid === undefined)
                throw new LabError(`could not start the ${role} process`, undefined, undefined, sys.drain());
            processes.set(role, new RootProcess(role, child, child.pid, sys));
            // the init role's process is the PID namespace's first: the builder tracks it as PID 1
            if (role === 'init')
                state.adoptInit(child);
            return { pid: child.pid, log: sys.drain() };
        },
        /** Forwards one request to the process of a role; its kernel calls come back in its log. */
        async rootProcessCall({ role, request }) {
            const p = processes.get(role);
            if (!p)
                throw new LabError(`no ${role} process is running`, `run the lesson's ${role === 'chroot' ? 'chroot' : 'pivot_root'} step first`);
            const reply = await p.request(request);
            // Its own pid is the one inside the PID namespace: the log names processes by host PID.
            const log = [...sys.drain(), ...reply.log.map((e) => ({ ...e, pid: p.pid }))];
            if (!reply.ok)
                throw new LabError(reply.error ?? `${request.op} failed`, reply.hint, undefined, log);
            return { ...reply, log };
        },
    };
}
