// Ends everything a lab's private daemons started and removes their mounts, cgroups and files — from the directory alone.
import { createHash } from 'node:crypto';
import { existsSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { umount2 } from '../../native/kernel.js';
import { MNT_DETACH } from '../../native/constants.js';
import { readMountinfo } from '../observe/sample.js';
import { daemonProcesses } from '../observe/chainSample.js';
import { removeCgroupDir, thawCgroupTree } from '../cgroup/session.js';
import { isRunning } from '../observe/procState.js';
function signal(pid, sig) {
    try {
        process.kill(pid, sig);
    }
    catch {
        // gone already
    }
}
async function waitGone(pids, ms) {
    const deadline = Date.now() + ms;
    let left = pids.filter(isRunning);
    while (left.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        left = left.filter(isRunning);
    }
    return left;
}
/** Mount points under dir, in the host's mount table, deepest first. */
export function mountsUnder(dir, root = '/') {
    const needle = dir.endsWith('/') ? dir : dir + '/';
    return readMountinfo(root, process.pid)
        .map((m) => m.mountPoint)
        .filter((p) => p.startsWith(needle))
        .sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
}
/** Every cgroup hierarchy, named ones (v1 name=systemd, where docker's cgroupfs driver also writes) included. */
export function cgroupMountPoints(root = '/') {
    return [...new Set(readMountinfo(root, process.pid).filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2').map((m) => join(root, m.mountPoint)))];
}
/**
 * Everything goes at once, by SIGKILL: containers, shims (a shim left alone outlives containerd,
 * by design), dockerd and containerd. Their state is removed right after, so a graceful SIGTERM
 * buys nothing, and it cost seconds: dockerd's shutdown waits on containerd for each container
 * it still knows, more than 3 s with the CPU busy (issue 10). Then every mount under the directory
 * is detached, the lab-named cgroups go, and the daemons' files are removed. A container left
 * paused is thawed first: on cgroup v1 a frozen process does not die of SIGKILL.
 */
export async function cleanupDaemons(dir, cgroupParent, except = [process.pid]) {
    const report = { killed: [], unmounted: [], cgroups: [], problems: [] };
    // a container left paused (ctr tasks pause, docker pause) is frozen: on cgroup v1 it would not die of SIGKILL
    for (const h of cgroupMountPoints())
        thawCgroupTree(join(h, cgroupParent));
    const procs = daemonProcesses(dir, '/', except);
    // a shim killed here cannot remove its socket in /run/containerd/s: the cleanup does
    const shimSockets = procs.map((p) => shimSocketPath(p.cmdline)).filter((s) => s !== null);
    for (const p of procs)
        signal(p.pid, 'SIGKILL');
    const all = procs.map((p) => p.pid);
    const left = await waitGone(all, 3000);
    report.killed = all.filter((pid) => !left.includes(pid));
    for (const pid of left)
        report.problems.push(`process ${pid} did not end`);
    // a shim started while we were killing (containerd restarting a task) gets the same end
    for (const p of daemonProcesses(dir, '/', except)) {
        signal(p.pid, 'SIGKILL');
        report.killed.push(p.pid);
    }
    for (const socket of new Set(shimSockets))
        rmSync(socket, { force: true });
    for (const target of mountsUnder(dir)) {
        try {
            umount2(target, MNT_DETACH);
            report.unmounted.push(target);
        }
        catch (error) {
            report.problems.push(`umount ${target}: ${error.message}`);
        }
    }
    for (const h of cgroupMountPoints()) {
        const cg = join(h, cgroupParent);
        if (!existsSync(cg))
            continue;
        if (await removeCgroupDir(cg))
            report.cgroups.push(cg);
        else
            report.problems.push(`cgroup ${cg} could not be removed`);
    }
    if (mountsUnder(dir).length === 0) {
        for (const name of ['containerd', 'docker'])
            rmSync(join(dir, name), { recursive: true, force: true });
    }
    else {
        report.problems.push(`mounts remain under ${dir}; its files are kept`);
    }
    removeHostDirsIfOurs(dir);
    return report;
}
/**
 * The socket a containerd-shim-runc-v2 listens on, from its command line
 * (`-namespace <ns> -id <id> -address <containerd.sock>`): containerd 1.6's shim.SocketAddress is
 * /run/containerd/s/<hex sha256 of "<address>/<ns>/<id>">, whatever containerd's state dir is.
 */
export function shimSocketPath(cmdline) {
    if (!/containerd-shim/.test(cmdline.split(' ')[0] ?? ''))
        return null;
    const arg = (name) => new RegExp(`(?:^|\\s)-${name}\\s+(\\S+)`).exec(cmdline)?.[1];
    const [ns, id, address] = [arg('namespace'), arg('id'), arg('address')];
    if (!ns || !id || !address)
        return null;
    return `/run/containerd/s/${createHash('sha256').update(`${address}/${ns}/${id}`).digest('hex')}`;
}
/**
 * Directories the daemons make on the host whatever their flags say: containerd 1.6's shim
 * sockets (/run/containerd/s) and ctr's default FIFO dir, dockerd 20.10's plugin sockets
 * (/run/docker/plugins, hard-coded as its plugin exec root). Before starting, the lab leaves a
 * marker for each top directory that did not exist; the cleanup removes those again once empty.
 */
export const HOST_DIRS = [
    { marker: 'made-run-containerd', dirs: ['/run/containerd/s', '/run/containerd/fifo', '/run/containerd'] },
    { marker: 'made-run-docker', dirs: ['/run/docker/plugins', '/run/docker'] },
];
export function markHostDirs(dir) {
    for (const h of HOST_DIRS)
        if (!existsSync(h.dirs[h.dirs.length - 1]))
            writeFileSync(join(dir, h.marker), '');
}
export function removeHostDirsIfOurs(dir) {
    for (const h of HOST_DIRS) {
        const marker = join(dir, h.marker);
        if (!existsSync(marker))
            continue;
        for (const d of h.dirs) {
            try {
                rmdirSync(d);
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    continue;
                break; // not empty: another daemon uses it
            }
        }
        rmSync(marker, { force: true });
    }
}
