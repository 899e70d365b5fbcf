// Checks on the container's processes as the host sees them: NSpid, and what /proc inside lists.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { nsenter } from './nsenter.js';
import { parseStatus } from '../observe/parse/status.js';

function status(pid: number) {
  return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export const initPidInside = defineCheck({
  name: 'init-pid-inside',
  params: z.strictObject({ equals: z.number().int().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { equals }) => {
    if (ctx.initPid === null) return fail('no PID 1 has been started');
    const s = status(ctx.initPid);
    const inside = s.nsPids[s.nsPids.length - 1];
    return inside === equals
      ? pass(`host PID ${ctx.initPid} is PID ${inside} inside (NSpid: ${s.nsPids.join(' ')})`)
      : fail(`host PID ${ctx.initPid} is PID ${inside} inside (NSpid: ${s.nsPids.join(' ')}), expected ${equals}`);
  },
});

export const initVisibleFromHost = defineCheck({
  name: 'init-visible-from-host',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    if (ctx.initPid === null) return fail('no PID 1 has been started');
    const cmd = readFileSync(`/proc/${ctx.initPid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    const s = status(ctx.initPid);
    return s.nsPids[0] === ctx.initPid
      ? pass(`the host's /proc has it: PID ${ctx.initPid} "${cmd}", parent ${s.ppid}`)
      : fail(`host /proc/${ctx.initPid} shows NSpid ${s.nsPids.join(' ')}`);
  },
});

/** Host PIDs of every process in a PID namespace, mapped to their PID inside. */
export function pidsInNamespace(pidNsLink: string): Set<number> {
  const inside = new Set<number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/pid`) !== pidNsLink) continue;
      const s = parseStatus(readFileSync(`/proc/${name}/status`, 'utf8'));
      inside.add(s.nsPids[s.nsPids.length - 1]);
    } catch {
      // exited while we looked
    }
  }
  return inside;
}

export const procListsOnlyContainer = defineCheck({
  name: 'proc-lists-only-container',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const pidNs = readlinkSync(`/proc/${ctx.builder.pid}/ns/pid_for_children`);
    // ls runs in the container's mount namespace (where the new /proc is) but the host's PID
    // namespace, so it does not list itself: what it prints is exactly the container's processes.
    const listed = nsenter(ctx.builder.pid, ['mount'], ['ls', '/proc'], ctx.rootless)
      .split(/\s+/).filter((n) => /^\d+$/.test(n)).map(Number);
    const expected = pidsInNamespace(pidNs);
    const extra = listed.filter((p) => !expected.has(p));
    if (!listed.includes(1)) return fail(`/proc inside lists ${listed.join(' ') || 'nothing'}; PID 1 is missing`);
    if (extra.length) return fail(`/proc inside lists PIDs outside the container: ${extra.join(' ')}`);
    return pass(`/proc inside lists ${listed.length} process${listed.length === 1 ? '' : 'es'}: ${listed.sort((a, b) => a - b).join(' ')}`);
  },
});
