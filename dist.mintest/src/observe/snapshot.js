// Builds a Snapshot of the container under construction, read from /proc on the host side.
import { hostname, release } from 'node:os';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { NS_TYPES } from '../types.js';
import { readProcess, readNamespaces, readMountinfo, readProcCgroup, readNetDevNames, readUidMap, readGidMap, listDescendants, ProcessGoneError } from './sample.js';
import { diffMounts } from './parse/mountinfo.js';
import { sampleOverlays } from './overlaySample.js';
import { parseNsLink } from './parse/nsLink.js';
import { labCgroupFiles } from '../cgroup/open.js';
import { chainProcesses } from './chainSample.js';
function nsInode(root, pid, name) {
    try {
        return parseNsLink(readlinkSync(join(root, 'proc', String(pid), 'ns', name)))?.inode ?? null;
    }
    catch {
        return null;
    }
}
export function namespaceRows(root, pids) {
    const host = readNamespaces(root, pids.hostPid);
    const focus = pids.chain?.focusPid;
    if (focus) {
        let inside = {};
        try {
            inside = readNamespaces(root, focus);
        }
        catch (error) {
            if (!(error instanceof ProcessGoneError))
                throw error;
        }
        return NS_TYPES.filter((t) => host[t] !== undefined).map((type) => ({ type, host: host[type] ?? null, container: inside[type] ?? null }));
    }
    const inside = readNamespaces(root, pids.builderPid);
    return NS_TYPES.filter((t) => host[t] !== undefined).map((type) => {
        let container = inside[type] ?? null;
        // unshare(CLONE_NEWPID) changes the namespace of the caller's children, not its own.
        if (type === 'pid')
            container = nsInode(root, pids.builderPid, 'pid_for_children');
        if (type === 'user' && pids.userPid !== null)
            container = nsInode(root, pids.userPid, 'user') ?? container;
        return { type, host: host[type] ?? null, container };
    });
}
export function containerProcesses(root, pids) {
    if (pids.chain)
        return chainProcesses(root, pids.chain.dir, pids.chain.pids, [pids.hostPid]);
    const out = [];
    const add = (pid, role) => {
        try {
            out.push({ ...readProcess(root, pid), role });
        }
        catch (error) {
            if (!(error instanceof ProcessGoneError))
                throw error; // exited between listing and reading
        }
    };
    add(pids.builderPid, 'container process');
    for (const pid of listDescendants(root, pids.builderPid))
        add(pid, pid === pids.initPid ? 'PID 1' : 'inside');
    if (pids.userPid !== null) {
        add(pids.userPid, 'user namespace');
        for (const pid of listDescendants(root, pids.userPid))
            add(pid, 'user namespace');
    }
    return out;
}
export function takeSnapshot(root, pids, identity, linkStates, chainView) {
    const hostMounts = readMountinfo(root, pids.hostPid);
    let containerMounts = readMountinfo(root, pids.builderPid);
    const mountsPid = pids.chain?.focusPid ?? pids.mountsPid;
    if (mountsPid) {
        try {
            containerMounts = readMountinfo(root, mountsPid);
        }
        catch (error) {
            if (!(error instanceof ProcessGoneError))
                throw error; // the container has exited: the builder's table
        }
    }
    const uidSource = pids.userPid ?? pids.builderPid;
    const uidMap = readUidMap(root, uidSource).trim();
    const gidMap = readGidMap(root, uidSource).trim();
    return {
        takenAt: Date.now(),
        hostname: { host: hostname(), container: identity?.hostname ?? null },
        kernel: { host: release(), container: identity?.release ?? null },
        namespaces: namespaceRows(root, pids),
        processes: containerProcesses(root, pids),
        mounts: diffMounts(hostMounts, containerMounts),
        overlays: sampleOverlays(root, diffMounts(hostMounts, readMountinfo(root, pids.builderPid))),
        cgroups: readProcCgroup(root, pids.builderPid),
        // empty until the container process is in a lab cgroup (join-cgroup)
        cgroupFiles: labCgroupFiles(root, pids.builderPid),
        links: readNetDevNames(root, pids.builderPid).map((name) => ({ name, up: linkStates[name] ?? false })),
        uidMap,
        gidMap,
        ...(chainView ? { chain: structuredClone(chainView) } : {}),
    };
}
