// Shim lesson: SIGTERM to the lab's containerd alone; its shims, and so its containers, keep running.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { daemonProcesses } from '../observe/chainSample.js';
import { liveProcs } from '../chain/procRead.js';
export const stopContainerd = defineAction({
    name: 'stop-containerd',
    params: z.strictObject({}),
    doc: 'The helper sends SIGTERM to the lab\'s containerd alone and waits (at most 5 s, then SIGKILL) until it is '
        + 'gone. Then it reads /proc: each containerd-shim of the lab still runs with its container below it, since a '
        + 'shim double-forked away from containerd at its start, and dockerd runs on without containerd. The learner '
        + 'sees those PIDs and their parents; a later start-containerd brings containerd back. The lesson\'s close '
        + 'does not need it: it ends the shims, containers and daemons of the session by their command lines.',
    host: {
        effect: 'stops the lab\'s containerd (SIGTERM, then SIGKILL after 5 s)',
        untrusted: 'allowed',
    },
    performs: [syscall('kill', 'SIGTERM kill(2)')],
    needs: ['containerd daemon'],
    provides: ['containerd stopped'],
    ends: ['containerd daemon'],
    run: async (ctx) => {
        const d = requireDaemons(ctx);
        const c = chain(ctx);
        const pid = d.containerd.pid;
        // Undo and close do not ask dockerd (which would hang without containerd): the lab's cleanup
        // ends the shims, containers and daemons by the session dir (stopChain in chainState.ts).
        const ms = await d.stopContainerd();
        const out = [`containerd pid ${pid}: SIGTERM, gone after ${Math.round(ms)} ms`];
        // The shims were never containerd's children: each double-forked away at its start.
        const left = daemonProcesses(d.layout.dir, '/', [process.pid], liveProcs(ctx.sys));
        for (const shim of left.filter((p) => p.comm.startsWith('containerd-shim'))) {
            const id = /-id (\S+)/.exec(shim.cmdline)?.[1] ?? '?';
            out.push(`shim pid ${shim.pid} (-id ${id.slice(0, 12)}) still runs; its parent is PID ${shim.ppid}`);
            for (const child of left.filter((p) => p.ppid === shim.pid))
                out.push(`  its child, PID ${child.pid} (${child.comm}), still runs`);
        }
        const dockerd = left.find((p) => p.comm === 'dockerd');
        if (dockerd)
            out.push(`dockerd pid ${dockerd.pid} still runs, without containerd`);
        setBlock(ctx, "containerd's tasks", ['containerd is not running: nobody to ask', `the container's PID ${c.container?.pid ?? '?'} runs on, under its shim`]);
        return outcome(ctx.sys.drain(), out);
    },
});
