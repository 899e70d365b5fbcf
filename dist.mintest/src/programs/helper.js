// The helper process: does all kernel work for the app, driven by JSON lines on stdin/stdout.
//   runs as:    root (the app runs as root, or starts it through `sudo -n`), or the user (rootless)
//   namespaces: the host's (the app's), always: it never changes its own, so it is the host's
//               point of view for every check and panel
//   started by: the app: HelperClient.start() in src/helper/client.ts (stdin and stdout pipes)
//   ends when:  its stdin closes (the app quit or died), or SIGTERM/SIGHUP: it closes the lab
//               (Lab.close()) and exits; SIGINT is ignored (Ctrl-C is for the app to decide)
import { serve, eventSender } from '../helper/rpc.js';
import { LabError } from '../errors.js';
import { setProgressSink } from '../steps/progress.js';
import { sweepLeftovers } from '../helper/sweep.js';
import { stopSpare } from '../helper/builderProcess.js';
import { stateRoot } from '../stateRoot.js';
import { startClosing } from '../sys/closing.js';
import { cgroupHierarchies } from '../cgroup/session.js';
import { userPid } from '../actions/userNamespaceState.js';
import { rootProcessPids } from '../actions/rootProcess.js';
const rootless = (process.geteuid?.() ?? 0) !== 0;
let lab = null;
/**
 * The lesson machinery (every action, the image builder, tar, the cgroup drivers) loads after
 * the helper has said hello, so the app's first frame does not wait for it; `open` awaits it.
 */
let labModule = null;
function loadLab() {
    labModule ??= import('../helper/lab.js');
    return labModule;
}
function current() {
    if (!lab)
        throw new LabError('no lesson is open');
    return lab;
}
const handlers = {
    hello() {
        return { pid: process.pid, euid: process.geteuid?.() ?? 0, rootless, stateDir: stateRoot(), cgroupMode: cgroupHierarchies().mode };
    },
    async sweep() {
        const removed = await sweepLeftovers();
        setTimeout(() => void loadLab(), 50);
        return { removed };
    },
    async open() {
        if (lab)
            await lab.close();
        lab = null;
        const { Lab } = await loadLab();
        lab = await Lab.open(rootless);
        return { builderPid: lab.ctx.builder.pid, sessionId: lab.ctx.session.id, sessionDir: lab.ctx.session.dir };
    },
    act({ name, params }) {
        return current().act(name, params);
    },
    checks({ specs }) {
        return current().runChecks(specs);
    },
    snapshot() {
        return current().snapshot();
    },
    /** The same, answered beside the queue while a step runs: what the kernel shows meanwhile. */
    liveSnapshot() {
        return current().snapshot();
    },
    shell({ tty }) {
        return current().shell(tty);
    },
    /** What a shell would lack (capability names), or nothing: asked before the terminal is handed over. */
    shellMissing() {
        const verdict = current().shellVerdict();
        return { missing: verdict.ok ? [] : verdict.missing };
    },
    /** What the kernel state of the lab is, for tests: the PIDs it made. */
    pids() {
        const l = current();
        return { builder: l.ctx.builder.pid, init: l.ctx.initPid, user: userPid(l.ctx), ...rootProcessPids(l.ctx), cgroupDirs: l.ctx.cgroupDirs, sessionDir: l.ctx.session.dir };
    },
    async close() {
        if (lab)
            await lab.close();
        lab = null;
        return {};
    },
};
async function shutdown() {
    startClosing();
    if (lab)
        await lab.close().catch(() => { });
    await stopSpare().catch(() => { });
    process.exit(0);
}
// Ctrl-C reaches the whole foreground process group; the app decides when we stop (stdin closes).
process.on('SIGINT', () => { });
process.on('SIGTERM', () => void shutdown());
process.on('SIGHUP', () => void shutdown());
setProgressSink(eventSender(process.stdout));
// The app is gone the moment stdin ends: the step in flight stops waiting (src/sys/closing.ts), then the close runs.
process.stdin.once('end', startClosing);
serve(handlers, process.stdin, process.stdout, () => void shutdown(), undefined, new Set(['liveSnapshot']));
