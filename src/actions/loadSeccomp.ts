// PID 1 loads a seccomp filter the lab builds (classic BPF): EPERM for the named syscalls, every other call allowed.
// Request to PID 1 (src/programs/changeRoot.ts): { op: 'seccomp', deny } → seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog).
import * as z from 'zod';
import { arch } from 'node:process';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { FILTER_SYSCALLS } from '../../native/seccompFilter.js';
import { callRootProcess } from './rootProcess.js';
import { requireInitWaiting } from './containerInit.js';
import { LabError } from '../errors.js';

const KNOWN = [...new Set(Object.values(FILTER_SYSCALLS).flatMap((t) => Object.keys(t)))] as [string, ...string[]];

export const loadSeccomp = defineAction({
  name: 'load-seccomp',
  params: z.strictObject({ deny: z.array(z.enum(KNOWN)).min(1).default(['mkdir', 'mkdirat']) }),
  doc: 'PID 1, still taking requests, loads a seccomp filter with seccomp(2) SECCOMP_SET_MODE_FILTER: a classic BPF '
    + 'program built by the lab that loads seccomp_data.arch and kills the process on any architecture but this one '
    + '(AUDIT_ARCH_X86_64 or AUDIT_ARCH_AARCH64; on x86-64 also any x32 call), then loads the syscall number and '
    + 'returns SECCOMP_RET_ERRNO with EPERM for each denied syscall and SECCOMP_RET_ALLOW for every other. A name this '
    + 'architecture has no syscall for (arm64 has no mkdir(2)) is left out. Loading needs no_new_privs or '
    + 'CAP_SYS_ADMIN; the filter is inherited across fork(2) and execve(2) and cannot be removed. The output lists '
    + 'the program.',
  host: { effect: 'loads a seccomp filter into the container\'s PID 1 that refuses {deny}', untrusted: 'allowed' },
  performs: [syscall('seccomp')],
  needs: ['container init'],
  run: async (ctx, { deny }) => {
    requireInitWaiting(ctx);
    const here = deny.filter((n) => FILTER_SYSCALLS[arch]?.[n] !== undefined);
    if (!here.length) throw new LabError(`none of ${deny.join(', ')} is a syscall of ${arch} this filter knows`);
    const left = deny.filter((n) => !here.includes(n));
    const reply = await callRootProcess(ctx, 'init', { op: 'seccomp', deny: here });
    return outcome(reply.log, [
      `filter loaded into PID 1 (host PID ${ctx.initPid}): EPERM for ${here.join(', ')}${left.length ? ` (${arch} has no ${left.join(', ')})` : ''}`,
      ...reply.output,
    ]);
  },
});
