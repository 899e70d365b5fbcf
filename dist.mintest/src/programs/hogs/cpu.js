// CPU hog for the cgroups lesson: spins for a fixed wall-clock time, saying how much CPU it got.
//   runs as:    the builder's user: root, or rootless where systemd delegates a cgroup v2 subtree to the user
//   namespaces: the builder's, and its cgroup (the lab's, inherited at fork(2))
//   started by: the builder's `run` handler (spawnSync, through env(1) UV_THREADPOOL_SIZE=1
//               node --v8-pool-size=1), asked by runHog() in src/actions/hog.ts
//   ends when:  after the given milliseconds of wall-clock time; at the step's timeout (spawnSync sends SIGTERM); whatever is
//               left in the lab's cgroup is SIGKILLed when the step ends (killLeftovers())
// Usage: node cpu.js <milliseconds>
const ms = Number(process.argv[2]);
if (!(ms > 0 && ms <= 60000)) {
    process.stderr.write('usage: cpu.js <milliseconds (≤ 60000)>\n');
    process.exit(2);
}
const cpuMs = (u) => (u.user + u.system) / 1000;
const start = Date.now();
const cpu0 = process.cpuUsage();
console.log(`busy loop, PID ${process.pid} inside: spinning for ${ms / 1000} s`);
let next = 500;
let spins = 0;
for (;;) {
    const elapsed = Date.now() - start;
    if (elapsed >= next || elapsed >= ms) {
        const got = cpuMs(process.cpuUsage(cpu0));
        console.log(`+${(elapsed / 1000).toFixed(1)} s wall: ${got.toFixed(0)} ms of CPU (${((got / elapsed) * 100).toFixed(0)}%)`);
        next += 500;
        if (elapsed >= ms)
            break;
    }
    for (let i = 0; i < 100000; i++)
        spins += i & 1;
}
process.exitCode = spins >= 0 ? 0 : 1;
export {};
