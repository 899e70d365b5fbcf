// Runs the gated shell of shellCommand.ts: starts it, puts its banner (with its host PID) on the terminal, lets it go, waits.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
/** The first child of a process, as this process's /proc lists it (null if none within a second, or no such /proc). */
async function firstChild(pid) {
    for (let i = 0; i < 100; i++) {
        try {
            const first = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]);
            if (first > 0)
                return first;
        }
        catch {
            return null; // this process's /proc is not the host's, or the program is gone
        }
        await new Promise((r) => setTimeout(r, 10));
    }
    return null;
}
/** Resolves with the shell's exit code (null when it could not start or was killed). */
export async function runShell(o) {
    const t = o.terminal;
    const stdio = [t, t, t, 'pipe'];
    const child = spawn(o.argv[0], o.argv.slice(1), { stdio, env: o.env });
    const exited = new Promise((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.on('error', () => resolve(null));
    });
    if (child.pid !== undefined) {
        o.started?.(child.pid);
        // nsenter(1) --pid forks the shell into the PID namespace: the shell is its child
        const forks = basename(o.argv[0]) === 'nsenter' && o.argv.some((a) => a.startsWith('--pid='));
        const shellPid = forks ? await firstChild(child.pid) : child.pid;
        const pidText = shellPid !== null ? String(shellPid) : `a child of nsenter (host PID ${child.pid})`;
        o.write(o.banner.map((line) => line.replace('{pid}', pidText)).join('\n') + '\n');
    }
    const gate = child.stdio[3];
    gate?.on('error', () => { }); // the program failed before reading it: its exit code says so
    gate?.end('\n');
    return exited;
}
