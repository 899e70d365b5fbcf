// Checks on a process the learner put into the by-hand container: PID 1's namespaces, root and cgroup, read from /proc.
import * as z from 'zod';
import { cgroupCheckNotHere } from '../actions/cgroupState.js';
import { defineCheck, pass, fail } from '../steps/define.js';
import { liveProcs, nsPid, type ChainProc } from '../chain/procRead.js';
import { dirId } from './rootChecks.js';
import type { LabContext } from '../steps/context.js';

/** The namespaces a process must share with PID 1 to be "in the container" (no user namespace: the lesson makes none). */
const KINDS = ['pid', 'mnt', 'uts', 'ipc', 'net', 'cgroup'] as const;

/** What /proc says of a process: its namespace links, its root's device:inode and its cgroup file. */
function placeOf(ctx: LabContext, pid: number): { ns: Record<string, string>; root: string; cgroup: string } {
  const ns = Object.fromEntries(KINDS.map((k) => [k, ctx.sys.readlink(`/proc/${pid}/ns/${k}`)]));
  return { ns, root: dirId(ctx.sys, `/proc/${pid}/root/`), cgroup: ctx.sys.readFile(`/proc/${pid}/cgroup`).trim() };
}

/** What differs between a process's place and PID 1's, in words; empty when nothing does. */
function differences(p: ReturnType<typeof placeOf>, init: ReturnType<typeof placeOf>): string[] {
  const out: string[] = [];
  const ns = KINDS.filter((k) => p.ns[k] !== init.ns[k]);
  if (ns.length) out.push(`not in PID 1's ${ns.join(', ')} namespace${ns.length > 1 ? 's' : ''}`);
  if (p.root !== init.root) out.push(`its root is dev:ino ${p.root}, PID 1's is ${init.root}`);
  if (p.cgroup !== init.cgroup) out.push(`its cgroup is ${p.cgroup.split('\n').pop()}, PID 1's is ${init.cgroup.split('\n').pop()}`);
  return out;
}

export const joinedContainer = defineCheck({
  name: 'joined-container',
  params: z.strictObject({ comm: z.string().regex(/^[A-Za-z0-9._-]{1,15}$/) }),
  doc: 'A process named `comm` (its /proc/<pid>/stat comm), other than PID 1, is inside the container as fully as '
    + 'docker exec puts one: the same pid, mnt, uts, ipc, net and cgroup namespaces as PID 1 (/proc/<pid>/ns links), '
    + 'the same root (device and inode of /proc/<pid>/root) and the same cgroup (/proc/<pid>/cgroup, read from the '
    + 'host), and it was started from outside: its parent is not in the container\'s PID namespace, as the parent of '
    + 'a process docker exec starts is the shim. nsenter(1) does the namespaces and, with --root, the root; the '
    + 'cgroup is a write to cgroup.procs. Rootless where join-cgroup made no cgroup (nothing delegated), it is not read and says why (shown as –).',
  reads: ['/proc/<pid>/stat comm and PPid of every process', '/proc/<pid>/ns/{pid,mnt,uts,ipc,net,cgroup}', '/proc/<pid>/root (device and inode)', '/proc/<pid>/cgroup'],
  run: (ctx, { comm }) => {
    if (ctx.initPid === null) return fail('the container has no PID 1');
    // the cgroup is half of what this check reads: without a lab cgroup it cannot be told
    const notHere = cgroupCheckNotHere(ctx);
    if (notHere) return notHere;
    const init = placeOf(ctx, ctx.initPid);
    const procs = new Map(liveProcs(ctx.sys).map((p) => [p.pid, p]));
    const named = [...procs.values()].filter((p) => p.comm === comm && p.pid !== ctx.initPid);
    if (named.length === 0) return fail(`no process named ${comm} runs on this machine`);
    const seen: Array<{ p: ChainProc; missing: string[] }> = [];
    for (const p of named) {
      try {
        const missing = differences(placeOf(ctx, p.pid), init);
        const parent = procs.get(p.ppid);
        if (parent && ctx.sys.readlink(`/proc/${parent.pid}/ns/pid`) === init.ns.pid) {
          missing.push(`its parent ${parent.comm} ${parent.pid} is inside the container: it was not started from outside`);
        }
        seen.push({ p, missing });
      } catch {
        // ended while being read
      }
    }
    const inside = seen.find((s) => s.missing.length === 0);
    if (inside) {
      const { p } = inside;
      return pass(`${comm} ${p.pid} (PID ${nsPid(ctx.sys, p.pid)} inside) shares PID 1's namespaces, its root and its cgroup ${init.cgroup.split('\n').pop()}`);
    }
    const best = seen.sort((a, b) => a.missing.length - b.missing.length)[0];
    if (!best) return fail(`no process named ${comm} runs any more`);
    return fail(`${comm} ${best.p.pid}: ${best.missing.join('; ')}`);
  },
});
