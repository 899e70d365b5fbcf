// Shim lesson: SIGTERM to the lab's containerd alone; its shims, and so its containers, keep running.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { daemonProcesses } from '../observe/chainSample.js';
import { syscallLog } from '../../native/syscallLog.js';

export const stopContainerd = defineAction({
  name: 'stop-containerd',
  params: z.strictObject({}),
  doc: 'shim lesson: SIGTERM to the lab\'s containerd alone (its shims and containers live on)',
  performs: [syscall('kill', 'SIGTERM kill(2)')],
  needs: ['containerd daemon'],
  provides: ['containerd stopped'],
  ends: ['containerd daemon'],
  run: async (ctx) => {
    const d = requireDaemons(ctx);
    const c = chain(ctx);
    const pid = d.containerd!.pid;
    const ms = await d.stopContainerd();
    // Undo and close remove the containers through dockerd, which hangs until containerd answers:
    // this cleanup runs before theirs (cleanups run in reverse) and brings containerd back if needed.
    c.cleanups.push(async () => {
      if (!d.containerd) await d.startContainerd();
    });
    syscallLog.record('kill', [String(pid), 'SIGTERM'], 0, undefined, ms);
    const out = [`containerd pid ${pid}: SIGTERM, gone after ${Math.round(ms)} ms`];
    // The shims were never containerd's children: each double-forked away at its start.
    const left = daemonProcesses(d.layout.dir, '/', [process.pid]);
    for (const shim of left.filter((p) => p.comm.startsWith('containerd-shim'))) {
      const id = /-id (\S+)/.exec(shim.cmdline)?.[1] ?? '?';
      out.push(`shim pid ${shim.pid} (-id ${id.slice(0, 12)}) still runs; its parent is PID ${shim.ppid}`);
      for (const child of left.filter((p) => p.ppid === shim.pid)) out.push(`  its child, PID ${child.pid} (${child.comm}), still runs`);
    }
    const dockerd = left.find((p) => p.comm === 'dockerd');
    if (dockerd) out.push(`dockerd pid ${dockerd.pid} still runs, without containerd`);
    setBlock(ctx, "containerd's tasks", ['containerd is not running: nobody to ask', `the container's PID ${c.container?.pid ?? '?'} runs on, under its shim`]);
    return outcome(syscallLog.drain(), out);
  },
});
