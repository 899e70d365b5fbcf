// Fork loop for the cgroups lesson: starts sleepers until fork fails, holds them briefly, then reaps them.
//   runs as:    the builder's user: root, or rootless where systemd delegates a cgroup v2 subtree to the user
//   namespaces: the builder's, and its cgroup (the lab's, inherited at fork(2))
//   started by: the builder's `run` handler (spawnSync, through env(1) UV_THREADPOOL_SIZE=1
//               node --v8-pool-size=1), asked by runHog() in src/actions/hog.ts
//   ends when:  after it has reaped its sleepers (fork refused: status 0, else 3); at the step's timeout (spawnSync sends SIGTERM); whatever is
//               left in the lab's cgroup is SIGKILLed when the step ends (killLeftovers())
// Usage: node forks.js <max-children> <hold-ms>  (every thread counts as a task: the lab runs it with one V8 and one libuv worker)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
const [count, holdMs] = process.argv.slice(2).map(Number);
if (!(count > 0 && count <= 1024 && holdMs >= 0)) {
    process.stderr.write('usage: forks.js <max-children ≤ 1024> <hold-ms>\n');
    process.exit(2);
}
const TEXT = { EAGAIN: 'Resource temporarily unavailable', ENOMEM: 'Cannot allocate memory' };
const children = [];
let refused = null;
console.log(`fork loop, PID ${process.pid} inside: starting up to ${count} sleepers`);
for (let i = 1; i <= count; i++) {
    // Each sleeper ends by itself in 20 s, should this loop be killed before it reaps them.
    const child = spawn('sleep', ['20'], { stdio: 'ignore' });
    if (child.pid === undefined) {
        const [error] = (await once(child, 'error'));
        refused = error.code ?? String(error);
        console.log(`fork #${i}: -1 ${refused} (${TEXT[refused] ?? error.message})`);
        break;
    }
    children.push(child);
    console.log(`fork #${i}: PID ${child.pid}`);
}
await new Promise((r) => setTimeout(r, holdMs));
for (const child of children)
    child.kill('SIGKILL');
await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : once(c, 'exit'))));
console.log(refused ? `${children.length} forks succeeded, then ${refused}; all reaped` : `${children.length} forks, none refused`);
process.exit(refused ? 0 : 3);
