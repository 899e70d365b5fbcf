import { LabError } from '../errors.js';
export function lines(text = '') {
    return text.split('\n').filter((l) => l !== '');
}
export async function waitUntil(test, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (test())
            return true;
        await new Promise((r) => setTimeout(r, 10));
    }
    return test();
}
/** The network namespace a process is in: the link /proc/<pid>/ns/net, "net:[inode]" (namespaces(7)). */
export function netnsOf(sys, pid) {
    return sys.readlink(`/proc/${pid}/ns/net`);
}
/** True when something listens on TCP port `port` in the network namespace of `pid` (proc(5) /proc/<pid>/net/tcp, tcp6). */
export function listening(sys, pid, port) {
    const hex = ':' + port.toString(16).toUpperCase().padStart(4, '0');
    // busybox httpd binds [::]:port when IPv6 is there (then it shows in tcp6 only).
    return ['tcp', 'tcp6'].some((file) => {
        try {
            return sys.readFile(`/proc/${pid}/net/${file}`).split('\n').some((l) => {
                const f = l.trim().split(/\s+/);
                return f[1]?.endsWith(hex) && f[3] === '0A';
            });
        }
        catch {
            return false;
        }
    });
}
/** ip(8) run by the helper inside the network namespace a process holds (nsenter(1) --net), logged; throws with its stderr. */
export async function ipIn(sys, pid, args) {
    const run = await sys.run(['nsenter', `--net=/proc/${pid}/ns/net`, 'ip', ...args], { timeoutMs: 5000 });
    if (run.error)
        throw new LabError(`could not run nsenter: ${run.stderr.trim()}`, 'install util-linux and iproute2 on this host', undefined, sys.drain());
    if (run.status !== 0)
        throw new LabError(`ip ${args.join(' ')} in the namespace of ${pid} failed: ${run.stderr.trim() || 'status ' + run.status}`, undefined, undefined, sys.drain());
    return run.stdout;
}
