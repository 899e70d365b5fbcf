// Memory hog for the cgroups lesson: touches memory step by step until the kernel stops it, or a bound.
//   runs as:    the builder's user: root, or rootless where systemd delegates a cgroup v2 subtree to the user
//   namespaces: the builder's, and its cgroup (the lab's, inherited at fork(2))
//   started by: the builder's `run` handler (spawnSync, through env(1) UV_THREADPOOL_SIZE=1
//               node --v8-pool-size=1), asked by runHog() in src/actions/hog.ts
//   ends when:  the OOM killer kills it at the cgroup limit, or it exits 3 at its bound; at the step's timeout (spawnSync sends SIGTERM); whatever is
//               left in the lab's cgroup is SIGKILLed when the step ends (killLeftovers())
// Usage: node memory.js <step-bytes> <max-bytes> <interval-ms>
import { writeFileSync } from 'node:fs';
const [step, max, interval] = process.argv.slice(2).map(Number);
if (!(step > 0 && max >= step && interval >= 0)) {
    process.stderr.write('usage: memory.js <step-bytes> <max-bytes> <interval-ms>\n');
    process.exit(2);
}
const mib = (n) => `${(n / 1048576).toFixed(0)} MiB`;
const pause = new Int32Array(new SharedArrayBuffer(4));
// proc(5): oom_score_adj 1000 makes this process the OOM killer's first choice in its cgroup, so
// the lab's own container process (a larger Node process in the same cgroup) is never picked.
writeFileSync('/proc/self/oom_score_adj', '1000');
const started = Date.now();
console.log(`memory hog, PID ${process.pid} inside: oom_score_adj 1000, touching ${mib(step)} every ${interval} ms`);
const kept = [];
let total = 0;
while (total + step <= max) {
    // allocUnsafeSlow: memory the kernel has not handed out yet; fill() writes every page, and a
    // page is charged to the cgroup when it is first touched, not when it is allocated.
    kept.push(Buffer.allocUnsafeSlow(step).fill(0xa5));
    total += step;
    console.log(`+${((Date.now() - started) / 1000).toFixed(2)} s  ${mib(total)} touched`);
    Atomics.wait(pause, 0, 0, interval);
}
console.log(`reached ${mib(total)} without being stopped: no memory limit applies here`);
process.exit(3);
