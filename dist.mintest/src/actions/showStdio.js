// Shim lesson: the container's stdin/stdout/stderr are pipes to its shim, and the shim's FIFOs lead on to dockerd.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { openFd, openFds, otherEnds } from '../chain/fdLinks.js';
import { liveProc } from '../chain/procRead.js';
import { LabError } from '../errors.js';
import { quote } from '../../native/syscallLog.js';
const DIRECTION = { r: 'reads', w: 'writes' };
/** stdin, stdout, stderr: the FIFOs in that order. */
function streamOrder(path) {
    return ['stdin', 'stdout', 'stderr'].findIndex((s) => path.endsWith('-' + s));
}
function readFds(sys, pid, fds) {
    for (const f of fds)
        sys.record('readlink', [quote(`/proc/${pid}/fd/${f.fd}`)], quote(f.target));
}
export const showStdio = defineAction({
    name: 'show-stdio',
    params: z.strictObject({}),
    doc: 'The helper reads /proc/<pid>/fd and fdinfo of the lesson\'s container process and of its parent, which '
        + 'must be a containerd shim: fds 0-2 of the container are pipes, and the shim holds their other ends (the '
        + 'same pipe inode, the other access mode). With dockerd running it also pairs the shim\'s FIFOs in dockerd\'s '
        + 'exec root with dockerd\'s own fds. The learner sees, in the chain panel and the output, which way each '
        + 'stream flows: container → shim → dockerd.',
    host: {
        effect: 'reads /proc/<pid>/fd of the lab\'s container, its shim and dockerd',
        untrusted: 'allowed',
    },
    performs: [syscall('readlink', '/proc/<pid>/fd proc(5)')],
    needs: ['docker daemon'],
    run: async (ctx) => {
        const d = requireDaemons(ctx);
        const c = chain(ctx);
        const pid = c.container?.pid ?? c.focusPid;
        const me = pid ? liveProc(ctx.sys, pid) : null;
        if (!pid || !me)
            throw new LabError('no container process is running', 'run the step that starts the container first');
        const shim = liveProc(ctx.sys, me.ppid);
        if (!shim?.comm.startsWith('containerd-shim'))
            throw new LabError(`PID ${pid}'s parent is ${me.ppid} (${shim?.comm ?? 'gone'}), not a shim`);
        const stdio = [0, 1, 2].map((fd) => openFd(ctx.sys, pid, fd)).filter((f) => f !== null);
        readFds(ctx.sys, pid, stdio);
        const shimFds = openFds(ctx.sys, shim.pid);
        ctx.sys.record('getdents64', [quote(`/proc/${shim.pid}/fd`)], `${shimFds.length} entries`);
        const toShim = otherEnds(stdio, shimFds);
        const lines = [`PID ${pid} (${me.comm}, PID 1 inside)   its parent: ${shim.pid} ${shim.comm}`];
        for (const f of stdio) {
            const peer = toShim.find((p) => p.a.fd === f.fd)?.b;
            const arrow = f.mode === 'r' ? '←' : '→';
            lines.push(`fd ${f.fd}  ${f.target.padEnd(16)} ${(DIRECTION[f.mode] ?? f.mode).padEnd(7)} ${peer ? `${arrow} shim fd ${peer.fd} ${DIRECTION[peer.mode]}` : '(no shim end)'}`);
        }
        // The shim's other side: FIFOs dockerd made in its exec root, one per stream (containerd's cio).
        if (d.dockerd) {
            const fifos = shimFds.filter((f) => f.target.startsWith(d.layout.dockerExecRoot + '/'));
            const dockerdFds = openFds(ctx.sys, d.dockerd.pid);
            const pairs = otherEnds(fifos, dockerdFds);
            if (pairs.length > 0) {
                const dir = pairs[0].a.target.slice(0, pairs[0].a.target.lastIndexOf('/'));
                lines.push(`shim ↔ dockerd: FIFOs in <exec-root>${dir.slice(d.layout.dockerExecRoot.length).replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…')}/`);
                const seen = new Set();
                for (const { a, b } of pairs.sort((x, y) => streamOrder(x.a.target) - streamOrder(y.a.target))) {
                    const name = a.target.slice(a.target.lastIndexOf('/') + 1);
                    if (seen.has(name))
                        continue;
                    seen.add(name);
                    lines.push(a.mode === 'w' ? `${name.padEnd(12)} shim fd ${a.fd} writes → dockerd fd ${b.fd} reads` : `${name.padEnd(12)} dockerd fd ${b.fd} writes → shim fd ${a.fd} reads`);
                }
            }
        }
        setBlock(ctx, 'stdio: container → shim → dockerd', lines);
        return outcome(ctx.sys.drain(), lines, lines);
    },
});
