// Standalone program: prints one JSON line per process fork, exec, rename and exit on this host, as it happens.
//   runs as:    the helper's user (root in the chain lessons); asks for nice -20 and SCHED_FIFO 1
//   namespaces: the host's (the proc connector answers only there; elsewhere it polls /proc)
//   started by: the helper: startProcWatch() in src/chain/procWatch.ts, for a traced step
//               (src/actions/tracedRun.ts); also bench/chain.mjs and test/kernel/procWatch.test.ts
//   ends when:  its stdin closes (ProcWatch.stop()); SIGKILL when its parent dies
//               (PR_SET_PDEATHSIG); when getppid(2) is no longer its parent; EPIPE on stdout
// Usage: node procWatcher.js [--container-lab-procwatch <parent-pid>]
// Subscribes to the kernel's proc connector (NETLINK_CONNECTOR, CN_IDX_PROC) and reads /proc at each
// event, so even a process that lives a few ms (runc) is caught with its command line. Without the
// connector (EPERM in a container, no CONFIG_PROC_EVENTS) it polls /proc every 2 ms instead.
// First line: {"event":"ready","mode":"connector"|"poll",...}. CONTAINER_LAB_PROCWATCH=poll forces
// the fallback; CONTAINER_LAB_PROCWATCH_RT=0 keeps it out of SCHED_FIFO (see runConnector).
import { readSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import * as nl from '../../native/netlink.js';
import { getppid, setParentDeathSignal } from '../../native/kernel.js';
import { SIGKILL } from '../../native/constants.js';
import { errnoName } from '../../native/errno.js';
import { setRealtimeFifo } from '../../native/sched.js';
import { syscallLog } from '../../native/syscallLog.js';
import { parseProcDatagram } from '../procWatcher/procEvents.js';
import { readProcInfo } from '../procWatcher/procInfo.js';
import { ProcPoller } from '../procWatcher/procPoller.js';
const RCVBUF_BYTES = 4 * 1024 * 1024;
/** The kernel handles the LISTEN message inside send(2): its ack is queued before send returns. */
const ACK_TIMEOUT_MS = 250;
const POLL_INTERVAL_MS = 2;
const STDIN = 0;
const now = () => performance.timeOrigin + performance.now();
const round = (ms) => Math.round(ms * 1000) / 1000;
function emit(line) {
    const data = Buffer.from(JSON.stringify(line) + '\n');
    let off = 0;
    while (off < data.length) {
        try {
            off += writeSync(1, data, off);
        }
        catch (error) {
            if (error.code === 'EAGAIN')
                continue;
            process.exit(0); // EPIPE: nobody reads us any more
        }
    }
}
let parentPid = 0;
function exitIfOrphaned() {
    if (parentPid && getppid() !== parentPid)
        process.exit(0);
}
/** Called when poll(2) says stdin is readable: end of file (or an error) means the parent is gone. */
function stdinClosed(revents) {
    if (revents & 0x20)
        return true; // POLLNVAL: no stdin at all
    try {
        return readSync(STDIN, Buffer.alloc(256)) === 0;
    }
    catch (error) {
        return error.code !== 'EAGAIN';
    }
}
/** Kernel CLOCK_MONOTONIC ns → ms since the epoch, on the scale of performance.timeOrigin + now(). */
function kernelTimeToEpoch(tsNs) {
    const hr = process.hrtime.bigint();
    const t = now();
    return t - Number(hr - tsNs) / 1e6;
}
/** What the watcher knows of live processes, for exit lines (by then /proc may be gone). */
const names = new Map();
function remember(pid, info) {
    if (names.size > 100_000)
        names.clear();
    names.set(pid, info);
}
function handle(ev) {
    if (ev.kind !== 'exec' && ev.pid !== ev.tgid)
        return; // a thread, not a process
    const pid = ev.tgid;
    const kt = round(kernelTimeToEpoch(ev.tsNs));
    if (ev.kind === 'exit') {
        const known = names.get(pid);
        names.delete(pid);
        const info = known ?? readProcInfo(pid);
        const line = {
            event: 'exit', t: round(now()), kt, pid, ppid: ev.ppid ?? info?.ppid ?? 0, comm: info?.comm ?? '', cmdline: '',
        };
        if (ev.exitCode !== undefined)
            line.exitCode = ev.exitCode;
        if (ev.signal !== undefined)
            line.signal = ev.signal;
        emit(line);
        return;
    }
    const info = readProcInfo(pid);
    const t = round(now());
    const ppid = ev.kind === 'fork' ? ev.ppid ?? 0 : info?.ppid ?? names.get(pid)?.ppid ?? 0;
    // After an exec the name from before is wrong: gone already means unknown ('').
    const comm = ev.kind === 'comm' ? ev.comm ?? '' : info?.comm ?? (ev.kind === 'exec' ? '' : names.get(pid)?.comm ?? '');
    const cmdline = info?.cmdline ?? '';
    remember(pid, { comm, ppid, cmdline });
    emit({ event: ev.kind, t, kt, pid, ppid, comm, cmdline });
}
/** The connector socket, subscribed and acknowledged; or why not. */
function subscribe() {
    let fd = -1;
    try {
        const opened = nl.openProcConnector();
        fd = opened.fd;
        const rcvbuf = nl.setReceiveBuffer(fd, RCVBUF_BYTES);
        const seq = (Math.random() * 0x7fffffff) >>> 0;
        nl.sendMcastOp(fd, nl.PROC_CN_MCAST_LISTEN, seq, seq, opened.portId);
        // The kernel answers with a proc_event of what=NONE and ack = our ack + 1, sent to every
        // listener: a random ack tells ours apart (its seq is the kernel's own event counter, not
        // ours, since send_msg() numbers every message). Events may come first: keep them.
        const early = [];
        const buf = Buffer.alloc(64 * 1024);
        const deadline = performance.now() + ACK_TIMEOUT_MS;
        while (performance.now() < deadline) {
            const [revents] = nl.pollIn([fd], Math.max(1, Math.ceil(deadline - performance.now())));
            if (!revents)
                continue;
            const got = nl.receive(fd, buf);
            if ('errno' in got) {
                if (got.errno === nl.EAGAIN || got.errno === nl.EINTR || got.errno === nl.ENOBUFS)
                    continue;
                throw new Error(`recv: ${errnoName(got.errno)}`);
            }
            const parsed = parseProcDatagram(buf, got.bytes);
            early.push(...parsed.events);
            const ack = parsed.acks.find((a) => a.ack === ((seq + 1) >>> 0));
            if (!ack)
                continue;
            if (ack.err !== 0)
                throw new Error(`PROC_CN_MCAST_LISTEN: ${errnoName(ack.err)}`);
            return { fd, portId: opened.portId, rcvbuf, early };
        }
        throw new Error('the kernel did not answer PROC_CN_MCAST_LISTEN (not in the initial user and PID namespaces?)');
    }
    catch (error) {
        if (fd !== -1)
            nl.closeSocket(fd);
        return { why: error instanceof Error ? error.message : String(error) };
    }
}
function runConnector(sub) {
    const { fd } = sub;
    // A process that lives 2 ms is gone if we are woken 3 ms late, as happens on a busy machine.
    // SCHED_FIFO (lowest real-time priority, this thread only) wakes us ahead of every normal task;
    // we spend nearly all our time blocked in poll(2). CONTAINER_LAB_PROCWATCH_RT=0 turns it off.
    if (process.env.CONTAINER_LAB_PROCWATCH_RT !== '0') {
        try {
            setRealtimeFifo(1);
        }
        catch {
            // no CAP_SYS_NICE: the nice value set in main() is what we have
        }
    }
    emit({ event: 'ready', mode: 'connector', rcvbuf: sub.rcvbuf, log: syscallLog.drain() });
    for (const ev of sub.early)
        handle(ev);
    const buf = Buffer.alloc(64 * 1024);
    const stop = () => {
        try {
            nl.sendMcastOp(fd, nl.PROC_CN_MCAST_IGNORE, 0, 0, sub.portId);
        }
        catch {
            // closing the socket unsubscribes too
        }
        nl.closeSocket(fd);
        process.exit(0);
    };
    for (;;) {
        const [sock, stdin] = nl.pollIn([fd, STDIN], 1000);
        if (stdin && stdinClosed(stdin))
            stop();
        if (!sock && !stdin)
            exitIfOrphaned();
        if (!sock)
            continue;
        for (;;) {
            const got = nl.receive(fd, buf);
            if ('errno' in got) {
                if (got.errno === nl.ENOBUFS) {
                    emit({ event: 'overflow', t: round(now()) });
                    continue;
                }
                if (got.errno === nl.EINTR)
                    continue;
                if (got.errno === nl.EAGAIN)
                    break;
                emit({ event: 'error', why: `recv: ${errnoName(got.errno)}` });
                process.exit(1);
            }
            if (got.bytes === 0)
                break;
            for (const ev of parseProcDatagram(buf, got.bytes).events)
                handle(ev);
        }
    }
}
function runPoll(why) {
    const poller = new ProcPoller();
    poller.baseline();
    emit({ event: 'ready', mode: 'poll', why, log: syscallLog.drain() });
    let ticks = 0;
    for (;;) {
        // poll(2) on stdin doubles as the 2 ms sleep between looks at /proc.
        const [stdin] = nl.pollIn([STDIN], POLL_INTERVAL_MS);
        if (stdin && stdinClosed(stdin))
            process.exit(0);
        for (const line of poller.tick())
            emit(line);
        if (++ticks % 500 === 0)
            exitIfOrphaned();
    }
}
function main(argv) {
    const marker = argv.indexOf('--container-lab-procwatch');
    if (marker !== -1)
        parentPid = Number(argv[marker + 1]) || 0;
    // prctl(2): SIGKILL when the process that started us dies, even by SIGKILL.
    setParentDeathSignal(SIGKILL, 'SIGKILL');
    exitIfOrphaned();
    // setpriority(2): as root, run ahead of the processes it watches, so that /proc is read before a
    // short-lived one is gone. Unprivileged, this fails and the watcher keeps its nice value.
    try {
        setPriority(0, -20);
        syscallLog.record('setpriority', ['PRIO_PROCESS', '0', '-20'], 0);
    }
    catch {
        // not allowed
    }
    if (process.env.CONTAINER_LAB_PROCWATCH === 'poll')
        runPoll('CONTAINER_LAB_PROCWATCH=poll');
    const sub = subscribe();
    if ('why' in sub)
        runPoll(sub.why);
    runConnector(sub);
}
main(process.argv.slice(2));
