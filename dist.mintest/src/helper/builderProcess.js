// Starts the container process (the builder) and talks to it; rootless, it starts inside a user namespace.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { RpcClient } from './rpc.js';
import { LabError } from '../errors.js';
import { idleNodeFlags, programs } from '../sys/paths.js';
import { whichProgram } from '../../native/findProgram.js';
/**
 * Node cannot unshare(CLONE_NEWUSER) itself (unshare(2): EINVAL in a multithreaded process),
 * so without root the builder is started by util-linux unshare(1) inside a new user
 * namespace where it is uid 0 (user_namespaces(7)); unshare execs node, keeping the PID.
 */
export function startBuilder(rootless, niceness = 0) {
    const node = [process.execPath, ...idleNodeFlags, programs.builder, '--container-lab-builder'];
    let argv = node;
    // nice(1) execs node, keeping the PID: every thread node makes starts at this priority
    if (niceness > 0)
        argv = [whichProgram('nice') ?? 'nice', '-n', String(niceness), ...argv];
    if (rootless) {
        const unshare = whichProgram('unshare');
        if (!unshare)
            throw new LabError('unshare(1) is missing', 'install util-linux');
        argv = [unshare, '--user', '--map-root-user', '--', ...node];
    }
    const child = spawn(argv[0], argv.slice(1), {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, CONTAINER_LAB_PARENT: String(process.pid) },
    });
    if (child.pid === undefined || !child.stdin || !child.stdout)
        throw new LabError('could not start the container process');
    const rpc = new RpcClient(child.stdin, child.stdout);
    const exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
            rpc.fail(`the container process exited (${signal ?? 'code ' + code})`);
            resolve();
        });
        child.on('error', (e) => {
            rpc.fail(`the container process could not start: ${e.message}`);
            resolve();
        });
    });
    return { pid: child.pid, rpc, child, exited };
}
export async function stopBuilder(b) {
    b.child.stdin?.end();
    const timer = setTimeout(() => {
        try {
            b.child.kill('SIGKILL');
        }
        catch {
            // gone
        }
    }, 1000);
    await b.exited;
    clearTimeout(timer);
}
/**
 * One container process started ahead of need, its modules already loaded (the `warm` request
 * imports every action module, zod and all: about 250 ms of Node's time here). The next
 * lesson, reset or rebuild takes it, so its first step costs its syscall, not a module load. It
 * idles in the helper's namespaces, and ends with the helper like any builder (stdin, PDEATHSIG).
 */
let spare = null;
/** Started this long after a builder is handed out, so the two do not compete for the CPU at once. */
const SPARE_DELAY_MS = 100;
/**
 * The spare's warming costs about 0.6 s of CPU (measured: 570 ms over 0.6–1 s). A step run
 * meanwhile — a key pressed right after a reset — would share the CPU with it; at nice 19 the
 * spare gets what is left (a nice 19 thread weighs 15 against 1024 at nice 0: sched_prio_to_weight in the kernel's kernel/sched/core.c). Only
 * root lowers it: setpriority(2) needs CAP_SYS_NICE to raise it back when the spare is taken.
 */
const SPARE_NICE = 19;
/** Every thread of `pid` back to nice 0 (on Linux, setpriority(2) sets one thread, the TID given). */
function unnice(pid) {
    let tids = [];
    try {
        tids = readdirSync(`/proc/${pid}/task`);
    }
    catch {
        return; // gone: its rpc fails the first call
    }
    for (const tid of tids) {
        try {
            setPriority(Number(tid), 0);
        }
        catch {
            // the thread ended
        }
    }
}
/**
 * A container process for a new lesson session: the spare when there is one (warm, or warming: a
 * first step waits only for what is left of its module load), else a new one that warms itself.
 */
export function takeBuilder(rootless) {
    const ready = spare !== null && spare.rootless === rootless && !spare.builder.rpc.closed ? spare.builder : null;
    if (spare && !ready)
        void stopBuilder(spare.builder);
    spare = null;
    setTimeout(() => prepareSpare(rootless), SPARE_DELAY_MS).unref();
    if (ready) {
        if (spareNice(rootless) > 0)
            unnice(ready.pid);
        return ready;
    }
    const fresh = startBuilder(rootless);
    fresh.rpc.call('warm').catch(() => { });
    return fresh;
}
const spareNice = (rootless) => (!rootless && process.geteuid?.() === 0 ? SPARE_NICE : 0);
function prepareSpare(rootless) {
    if (spare !== null)
        return;
    try {
        const builder = startBuilder(rootless, spareNice(rootless));
        builder.rpc.call('warm').catch(() => { });
        spare = { rootless, builder };
    }
    catch {
        // no spare: the next lesson starts its own builder
    }
}
/** The helper is ending: the spare goes too. */
export async function stopSpare() {
    const s = spare;
    spare = null;
    if (s)
        await stopBuilder(s.builder);
}
