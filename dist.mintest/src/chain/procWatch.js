// Runs the process watcher (src/programs/procWatcher.ts) and merges its lines into a per-PID table, for timelines of who started whom.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { programs } from '../sys/paths.js';
import { ProcessTable } from './procTable.js';
/** The clock the watcher stamps with: ms since the epoch, sub-ms resolution. Use it for t0. */
export function nowMs() {
    return performance.timeOrigin + performance.now();
}
const clone = (p) => structuredClone(p);
export function startProcWatch(options = {}) {
    const env = { ...process.env };
    if (options.mode === 'poll')
        env.CONTAINER_LAB_PROCWATCH = 'poll';
    const child = spawn(process.execPath, [programs.procWatcher, '--container-lab-procwatch', String(process.pid)], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env,
    });
    const table = new ProcessTable(options.limit);
    const listeners = new Set();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-4000);
    });
    child.stdin.on('error', () => { }); // EPIPE after the watcher died
    const exited = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
            resolve();
        else
            child.once('exit', () => resolve());
    });
    return new Promise((resolve, reject) => {
        let ready = false;
        const fail = (why) => {
            if (ready)
                return;
            ready = true;
            clearTimeout(timer);
            child.kill('SIGKILL');
            reject(new Error(`container-lab: the process watcher did not start: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
        };
        const timer = setTimeout(() => fail('no ready line in time'), options.readyTimeoutMs ?? 5000);
        child.once('error', (error) => fail(error.message));
        child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
        const lines = createInterface({ input: child.stdout });
        lines.on('line', (text) => {
            let line;
            try {
                line = JSON.parse(text);
            }
            catch {
                return;
            }
            if (line.event === 'ready' && !ready) {
                ready = true;
                clearTimeout(timer);
                resolve(watch(line));
                return;
            }
            table.apply(line);
            for (const listener of listeners)
                listener(line);
        });
        const watch = (line) => ({
            mode: line.mode,
            ...(line.why ? { why: line.why } : {}),
            pid: child.pid ?? -1,
            setupLog: line.log ?? [],
            events: () => table.list().map(clone),
            since: (t0) => table.since(t0).map(clone),
            get: (pid) => {
                const rec = table.get(pid);
                return rec ? clone(rec) : undefined;
            },
            overflows: () => table.overflows,
            onChange: (listener) => {
                listeners.add(listener);
                return () => listeners.delete(listener);
            },
            stop: async () => {
                child.stdin.end();
                const timeout = setTimeout(() => child.kill('SIGKILL'), 1000);
                await exited;
                clearTimeout(timeout);
                lines.close();
            },
        });
    });
}
