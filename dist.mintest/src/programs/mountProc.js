// Mounts a fresh proc on /proc from inside the new PID namespace, then prints its syscall log.
//   runs as:    the builder's user (root, or uid 0 of the rootless user namespace)
//   namespaces: the builder's: its mount namespace, and (a child after CLONE_NEWPID) its new
//               PID namespace, which is the one the proc mount will show
//   started by: the builder: mount-proc's inContainer in src/actions/mountProc.ts (runSync, 10 s)
//   ends when:  after the one mount(2) and one JSON line on stdout
// proc(5): a proc mount shows the PID namespace of the process that mounted it, so the helper
// (still in the host's PID namespace) cannot do this itself; this runs as a child inside it.
import { mount, MS } from '../../native/kernel.js';
import { syscallLog } from '../../native/syscallLog.js';
import { KernelError } from '../../native/errno.js';
try {
    mount('proc', '/proc', 'proc', MS.NOSUID | MS.NODEV | MS.NOEXEC, null);
    process.stdout.write(JSON.stringify({ ok: true, pid: process.pid, log: syscallLog.drain() }) + '\n');
}
catch (error) {
    const message = error instanceof KernelError ? error.message : String(error);
    process.stdout.write(JSON.stringify({ ok: false, error: message, log: syscallLog.drain() }) + '\n');
    process.exitCode = 1;
}
