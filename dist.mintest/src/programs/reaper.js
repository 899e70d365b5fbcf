// The crash guard: a process of its own that removes what a lesson session made when the helper dies without doing so.
//   runs as:    the helper's user (root; rootless: the user)
//   namespaces: the host's
//   started by: the helper: startReaper() in src/chain/reaperClient.ts (detached: a session and
//               process group of its own; stdin a pipe; argv marker --container-lab-reaper), once
//               per helper, from Lab.open() (src/helper/lab.ts); the chain lessons' startDaemons
//               and runcUtil add their daemon directories to the same one
//   ends when:  its stdin closes, i.e. the helper has exited, normally or not: it first cleans
//               every session and daemon directory still watched (within 5 s), then exits; no
//               PR_SET_PDEATHSIG, on purpose (it must outlive the helper)
import { createInterface } from 'node:readline';
import { cleanupDaemons } from '../chain/daemonCleanup.js';
import { cleanDeadSession } from '../helper/sweep.js';
import { sessionIsAlive } from '../stateRoot.js';
/*
 * The helper starts this detached (a session of its own, so a signal to the app's process group
 * does not reach it) with a pipe on stdin, and writes
 *   `session <dir>` when it opens a lesson session, `end-session <dir>` when it closed it itself;
 *   `watch <cgroup-parent> <dir>` when it starts private daemons, `release <dir>` when it stopped them.
 * When stdin ends and something is still watched, the helper is gone (crash, SIGKILL): the
 * session dir, the lab's cgroups (and the processes in them), the mounts under the dir and the
 * daemons' shims, which outlive containerd by design, would stay; this ends them, with the same
 * cleanup the next start's sweep uses (cleanDeadSession in src/helper/sweep.ts).
 */
const sessions = new Set();
/** dir → the cgroup parents made for it (the daemons' and runc's can share one session dir) */
const daemons = new Map();
/** The helper's pipe closes in do_exit() a moment before it is a zombie: wait for that, never clean a live session. */
async function ownerGone(dir, ms = 2000) {
    const deadline = Date.now() + ms;
    while (sessionIsAlive(dir)) {
        if (Date.now() > deadline)
            return false;
        await new Promise((r) => setTimeout(r, 20));
    }
    return true;
}
async function cleanAll() {
    for (const [dir, cgroupParents] of daemons)
        for (const cgroupParent of cgroupParents) {
            try {
                await cleanupDaemons(dir, cgroupParent, [process.pid]);
            }
            catch {
                // the next start's sweep tries again
            }
        }
    for (const dir of sessions) {
        try {
            if (await ownerGone(dir))
                await cleanDeadSession(dir);
        }
        catch {
            // the next start's sweep tries again
        }
    }
}
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
    const [verb, a, ...rest] = line.split(' ');
    if (!a)
        return;
    if (verb === 'session')
        sessions.add([a, ...rest].join(' '));
    if (verb === 'end-session')
        sessions.delete([a, ...rest].join(' '));
    if (verb === 'watch' && rest.length > 0) {
        const dir = rest.join(' ');
        daemons.set(dir, (daemons.get(dir) ?? new Set()).add(a));
    }
    if (verb === 'release')
        daemons.delete([a, ...rest].join(' '));
});
lines.on('close', () => {
    void cleanAll().finally(() => process.exit(0));
});
