// The watcher's fallback without the proc connector: diffs the PID set of /proc on every tick.
import { readdirSync } from 'node:fs';
import { readProcInfo } from './procInfo.js';
/** How long after its first sighting a process is re-read each tick, to see it exec or rename. */
const YOUNG_MS = 1000;
export class ProcPoller {
    root;
    now;
    known = new Map();
    constructor(root = '/proc', now = () => performance.timeOrigin + performance.now()) {
        this.root = root;
        this.now = now;
    }
    pids() {
        const out = [];
        for (const name of readdirSync(this.root)) {
            const first = name.charCodeAt(0);
            if (first >= 48 && first <= 57)
                out.push(Number(name));
        }
        return out;
    }
    /** The first look: what runs already is the baseline, not news. */
    baseline() {
        const t = this.now();
        for (const pid of this.pids()) {
            const info = readProcInfo(pid, this.root);
            if (info)
                this.known.set(pid, { ...info, seenAt: t - YOUNG_MS });
        }
    }
    /** New PIDs → exec lines (seen running that program), changed young ones → exec/comm, gone ones → exit. */
    tick() {
        const out = [];
        const t = this.now();
        const present = new Set(this.pids());
        for (const pid of present) {
            const was = this.known.get(pid);
            if (was && t - was.seenAt > YOUNG_MS)
                continue;
            const info = readProcInfo(pid, this.root);
            if (!info)
                continue;
            if (!was) {
                this.known.set(pid, { ...info, seenAt: t });
                out.push({ event: 'exec', t, pid, ppid: info.ppid, comm: info.comm, cmdline: info.cmdline });
            }
            else if (info.cmdline !== was.cmdline) {
                this.known.set(pid, { ...info, seenAt: was.seenAt });
                out.push({ event: 'exec', t, pid, ppid: info.ppid, comm: info.comm, cmdline: info.cmdline });
            }
            else if (info.comm !== was.comm) {
                this.known.set(pid, { ...info, seenAt: was.seenAt });
                out.push({ event: 'comm', t, pid, ppid: info.ppid, comm: info.comm, cmdline: info.cmdline });
            }
        }
        for (const [pid, was] of this.known) {
            if (present.has(pid))
                continue;
            this.known.delete(pid);
            out.push({ event: 'exit', t, pid, ppid: was.ppid, comm: was.comm, cmdline: '' });
        }
        return out;
    }
}
