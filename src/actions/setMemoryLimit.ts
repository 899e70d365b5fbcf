// Sets the container's memory limit: memory.max on cgroup v2, memory.limit_in_bytes on v1.
import * as z from 'zod';
import { defineAction, kernelFile, outcome, skipped } from '../steps/define.js';
import { size } from '../steps/params.js';
import { cgroupSkip, labCgroup } from './cgroupState.js';
import { mib, parseSize } from '../cgroup/size.js';
import type { Sys } from '../sys/types.js';

/** Whether the swap cap matters now: /proc/swaps lists the swap areas in use (proc(5)), after a header line. */
function swapNote(sys: Pick<Sys, 'readFile'>): string {
  let areas: number | null = null;
  try {
    areas = sys.readFile('/proc/swaps').split('\n').slice(1).filter((l) => l.trim() !== '').length;
  } catch {
    // no /proc/swaps: say nothing about it
  }
  return areas === 0 ? 'swap capped too; no swap area is in use here (/proc/swaps), so it matters only once one is' : 'swap capped too, so the kernel cannot page the container out instead of stopping it';
}

export const setMemoryLimit = defineAction({
  name: 'set-memory-limit',
  params: z.strictObject({ limit: size }),
  doc: 'The helper (root, on the host) writes the limit in bytes into the container\'s cgroup, under this host\'s '
    + 'names: memory.max on cgroup v2, with memory.swap.max 0 so the container cannot swap instead; '
    + 'memory.limit_in_bytes on v1, with memory.memsw.limit_in_bytes (memory + swap) set to the same value when '
    + 'swap accounting is on, in the order the kernel accepts. On v2 it first writes +memory to the lab\'s own '
    + 'parent cgroup.subtree_control if the leaf lacks the memory controller. The output names the file and '
    + 'shows the usage now: pages the container touched before it joined the cgroup stay charged to its old one. '
    + 'Rootless where join-cgroup made no cgroup (nothing delegated), the step is skipped with join-cgroup\'s reason.',
  host: {
    effect: 'writes the memory limit {limit} into the lab\'s cgroup (memory.max and memory.swap.max, or the v1 files; +memory in its parent\'s cgroup.subtree_control)',
    untrusted: 'allowed',
  },
  performs: [kernelFile('memory.max', 'cgroups(7)'), kernelFile('memory.limit_in_bytes', 'cgroups(7)')],
  needs: ['lab cgroup'],
  run: async (ctx, { limit }) => {
    const skip = cgroupSkip(ctx);
    if (skip) return skipped(skip); // rootless, no cgroup here: nothing to write the limit into
    const cgroup = labCgroup(ctx);
    const bytes = parseSize(limit);
    const written: string[] = [];
    for (const { path, value } of cgroup.memoryLimitWrites(bytes)) {
      ctx.sys.writeFile(path, value);
      written.push(path);
    }
    const now = cgroup.memory();
    const file = cgroup.version === 'v2' ? 'memory.max' : 'memory.limit_in_bytes';
    const swapFile = written.find((p) => /memory\.(swap\.max|memsw\.limit_in_bytes)$/.test(p));
    return outcome(ctx.sys.drain(), [
      `this host (cgroup ${cgroup.version}) names the limit ${file}: ${bytes} bytes = ${mib(bytes)}, in ${cgroup.dir('memory')}`,
      swapFile ? swapNote(ctx.sys) : 'swap is not accounted here (no memory.swap.max or memory.memsw.limit_in_bytes): only memory is limited',
      `usage now ${mib(now.usage)}: pages the container process touched before it moved in stay charged to its old cgroup`,
    ]);
  },
});
