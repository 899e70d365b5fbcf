// A user namespace: first the unshare(CLONE_NEWUSER) Node cannot do, then a process started inside one.
import { z } from 'zod';
import { defineAction, program, kernelFile, outcome } from '../steps/define.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builderCall } from './builderCall.js';
import { waitFor } from './waitFor.js';
import { whichProgram } from '../../native/findProgram.js';
import { syscallLog } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';
import type { SyscallEntry } from '../types.js';

function uidMap(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * user_namespaces(7): a process's uid inside is its uid outside seen through uid_map. As root
 * we first drop to an unprivileged uid (setpriv --reuid), then unshare(1) --map-root-user makes
 * that uid root inside — what rootless containers do. setpriv --pdeathsig ties it to the helper.
 */
export const userNamespace = defineAction({
  name: 'user-namespace',
  params: z.strictObject({ outsideUid: z.number().int().min(1).max(4294967294).default(100000) }),
  doc: 'start a process in a new user namespace whose root is an unprivileged uid outside',
  performs: [program('unshare', 'unshare(1) --user'), kernelFile('uid_map', 'user_namespaces(7)')],
  provides: ['user namespace process'],
  run: async (ctx, { outsideUid }) => {
    const attempt = await builderCall<{ log: SyscallEntry[]; errno: string | null }>(ctx, 'tryUnshareUser');
    const setpriv = whichProgram('setpriv');
    const unshare = whichProgram('unshare');
    const sleep = whichProgram('sleep');
    if (!setpriv || !unshare || !sleep) throw new LabError('setpriv(1) or unshare(1) is missing', 'install util-linux (and coreutils)');
    const drop = ctx.rootless ? [] : ['--reuid', String(outsideUid), '--regid', String(outsideUid), '--clear-groups'];
    const argv = [setpriv, '--pdeathsig', 'KILL', ...drop, '--', unshare, '--user', '--map-root-user', '--', sleep, 'infinity'];
    const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore', argv0: 'container-lab-setpriv' });
    syscallLog.record('spawn', [JSON.stringify(['setpriv', ...argv.slice(1)].join(' ').replace(/\/\S+\//g, ''))], child.pid ?? -1);
    if (child.pid === undefined) throw new LabError('could not start the user-namespace process');
    const pid = child.pid;
    ctx.userPid = pid;
    await waitFor(() => uidMap(pid) !== '' && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep', 5000,
      'the user namespace to get its uid_map');
    const notes = [
      attempt.errno
        ? `unshare(CLONE_NEWUSER) in the container process: ${attempt.errno} — Node has threads, and the kernel only lets a single-threaded process make a user namespace.`
        : 'unshare(CLONE_NEWUSER) succeeded in the container process.',
      `Started host PID ${pid} in a new user namespace; uid_map: ${uidMap(pid)}`,
    ];
    return outcome([...attempt.log, ...syscallLog.drain()], notes);
  },
});
