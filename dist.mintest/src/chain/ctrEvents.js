// containerd's event stream (`ctr events`) while a step runs: each topic as it is published, with its time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
/** "2026-11-26 08:50:00.1 +0000 UTC moby /tasks/start {...}" → namespace and topic. */
export function parseEventLine(line, t) {
    const m = /\sUTC\s+(\S+)\s+(\/\S+)/.exec(line) ?? /^\S+\s+\S+\s+\S+\s+\S+\s+(\S+)\s+(\/\S+)/.exec(line);
    return m ? { t, namespace: m[1], topic: m[2] } : null;
}
/** Starts `ctr events` (all namespaces) and collects what it prints until stop(). */
export function startEventStream(ctrArgv) {
    const child = spawn(ctrArgv[0], [...ctrArgv.slice(1), 'events'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.on('error', () => { });
    const list = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
        const e = parseEventLine(line, performance.timeOrigin + performance.now());
        if (e)
            list.push(e);
    });
    const exited = new Promise((r) => child.on('close', () => r()));
    const stream = {
        events: () => [...list],
        stop: async () => {
            child.kill('SIGTERM');
            await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
        },
    };
    // the subscription is live once ctr has connected; give it a moment
    return new Promise((resolve) => setTimeout(() => resolve(stream), 60));
}
