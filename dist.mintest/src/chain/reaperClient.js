// Starts the crash guard (reaper.ts), once per helper, and tells it which sessions and daemon directories to clean if the helper dies.
import { spawn } from 'node:child_process';
import { idleNodeFlags, programs } from '../sys/paths.js';
let current = null;
export function startReaper() {
    if (current)
        return current;
    // detached: a session and process group of its own, so a kill of the app's group does not reach it
    const child = spawn(process.execPath, [...idleNodeFlags, programs.reaper, '--container-lab-reaper'], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    child.unref();
    child.on('error', () => { });
    child.stdin?.on('error', () => { });
    const send = (line) => child.stdin?.write(line + '\n');
    current = {
        pid: child.pid ?? -1,
        watchSession: (dir) => send(`session ${dir}`),
        releaseSession: (dir) => send(`end-session ${dir}`),
        watch: (dir, cgroupParent) => send(`watch ${cgroupParent} ${dir}`),
        release: (dir) => send(`release ${dir}`),
        close: () => {
            child.stdin?.end();
            current = null;
        },
    };
    return current;
}
