// The chain's processes seen from the host: the lab's daemons, shims, runc and containers, with the part each plays.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProcess, ProcessGoneError } from './sample.js';
import { readProcStat } from './procStat.js';
import { hasExited } from './parse/stat.js';
export function readLabProcess(root, pid) {
    try {
        const stat = readProcStat(root, pid);
        if (!stat || hasExited(stat))
            return null;
        const cmdline = readFileSync(join(root, 'proc', String(pid), 'cmdline'), 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
        return { pid, ppid: stat.ppid, comm: stat.comm, cmdline };
    }
    catch {
        return null;
    }
}
export function allProcesses(root = '/') {
    const out = [];
    for (const name of readdirSync(join(root, 'proc'))) {
        if (!/^\d+$/.test(name))
            continue;
        const p = readLabProcess(root, Number(name));
        if (p)
            out.push(p);
    }
    return out;
}
/**
 * The daemons' processes: every process whose command line names the lab directory (containerd,
 * dockerd, the shims with `-address <dir>/containerd.sock`, runc with `--root <dir>/...`, the
 * docker CLI with `-H unix://<dir>/...`), and every descendant of those (the containers' own
 * processes, which name nothing of the lab). Never a process outside that set.
 */
export function daemonProcesses(dir, root = '/', except = [process.pid], all = allProcesses(root)) {
    const needle = dir.endsWith('/') ? dir : dir + '/';
    return withDescendants(all, (p) => (p.cmdline + ' ').includes(needle), except);
}
/** The processes `seed` picks, and all their descendants (by PPid), `except` left out. */
function withDescendants(all, seed, except) {
    const chosen = new Map();
    for (const p of all)
        if (!except.includes(p.pid) && seed(p))
            chosen.set(p.pid, p);
    let grew = true;
    while (grew) {
        grew = false;
        for (const p of all) {
            if (!chosen.has(p.pid) && chosen.has(p.ppid) && !except.includes(p.pid)) {
                chosen.set(p.pid, p);
                grew = true;
            }
        }
    }
    return [...chosen.values()];
}
/** What a process is in the chain, from its name (comm) and where it sits. */
export function chainRole(p) {
    const name = p.name;
    if (name === 'dockerd')
        return 'dockerd';
    if (name === 'containerd')
        return 'containerd';
    if (name.startsWith('containerd-shim'))
        return 'shim';
    if (name === 'runc')
        return 'runc';
    if (name.startsWith('runc:['))
        return 'runc init';
    if (name === 'docker')
        return 'docker CLI';
    if (name === 'ctr')
        return 'ctr';
    if (p.nsPids.length > 1)
        return p.nsPids[p.nsPids.length - 1] === 1 ? 'PID 1' : 'in container';
    return 'lab';
}
/**
 * The daemons' processes (found by the lab directory in their command lines, and their
 * descendants) plus processes the lesson follows by PID (a runc container's init, whose parent
 * is not in the lab), in tree order: each parent before its children.
 */
export function chainProcesses(root, dir, extraPids, except) {
    // one read of /proc for both: the snapshot runs this every sample
    const all = allProcesses(root);
    const found = new Map();
    for (const p of daemonProcesses(dir, root, except, all))
        found.set(p.pid, p);
    const extra = new Set(extraPids);
    if (extra.size > 0)
        for (const p of withDescendants(all, (q) => extra.has(q.pid), except))
            found.set(p.pid, p);
    const children = new Map();
    for (const p of found.values()) {
        const list = children.get(p.ppid) ?? [];
        list.push(p.pid);
        children.set(p.ppid, list);
    }
    const ordered = [];
    const visit = (pid) => {
        ordered.push(pid);
        for (const c of (children.get(pid) ?? []).sort((a, b) => a - b))
            visit(c);
    };
    for (const p of [...found.values()].sort((a, b) => a.pid - b.pid))
        if (!found.has(p.ppid))
            visit(p.pid);
    const out = [];
    for (const pid of ordered) {
        try {
            const info = readProcess(root, pid);
            out.push({ ...info, role: chainRole(info) });
        }
        catch (error) {
            if (!(error instanceof ProcessGoneError))
                throw error;
        }
    }
    return out;
}
