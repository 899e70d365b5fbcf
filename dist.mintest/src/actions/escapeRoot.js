// The classic chroot escape — mkdir x; chroot("x"); chdir("..") until stuck; chroot(".") — by the chroot or the pivot_root process.
// Request to src/programs/changeRoot.ts: { op: 'escape', dir } → mkdir(dir); chroot(dir); chdir("..")…; chroot(".").
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { rootProcess } from '../steps/params.js';
import { callRootProcess, rootPid } from './rootProcess.js';
export const escapeRoot = defineAction({
    name: 'escape-root',
    params: z.strictObject({ process: rootProcess, dir: z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]+$/).default('x') }),
    doc: 'The chroot or the pivot_root process tries the classic escape of chroot(2) NOTES: mkdir <dir> (unless an '
        + 'earlier escape left it), chroot(<dir>) — which leaves its working directory outside the new root — then '
        + 'chdir("..") until ".." is "." itself, then chroot("."). After chroot it lands on the host\'s "/", because '
        + 'the old root is still mounted in its mount namespace; after pivot_root it stops at the rootfs, because the '
        + 'old root was unmounted. The output shows how many times it climbed and what "/" holds then.',
    host: {
        effect: [
            'makes the directory {dir} in the rootfs, climbs out of the chroot to the host\'s / and lists its top directory if process=chroot',
            'makes the directory {dir} in the rootfs and tries to climb out of the pivoted root if process=pivot',
        ],
        untrusted: 'allowed',
    },
    performs: [syscall('chroot'), syscall('chdir'), syscall('mkdir')],
    needs: ['{process} process'],
    run: async (ctx, { process, dir }) => {
        const pid = rootPid(ctx, process);
        const reply = await callRootProcess(ctx, process, { op: 'escape', dir });
        return outcome(reply.log, [`${process} process (host PID ${pid}) tried to escape:`, ...reply.output], reply.output);
    },
});
