// Mounts /proc from a process inside the new PID namespace, so /proc lists only the container.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { LabError } from '../errors.js';
import { programs } from '../sys/paths.js';
export const mountProc = defineAction({
    name: 'mount-proc',
    params: z.strictObject({}),
    doc: 'A proc mount shows the PID namespace of the process that mounts it (proc(5)), and the container process '
        + 'itself stays in the host\'s: so it runs a child, src/programs/mountProc.ts, which is in the new PID namespace '
        + 'and calls mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC) in the container\'s mount namespace. '
        + 'Afterwards `ls /proc` inside lists only the container\'s processes, PID 1 first; the host\'s /proc is unchanged.',
    host: {
        effect: 'mounts a new proc on /proc in the container\'s own mount namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('mount', 'proc(5)')],
    needs: ['own mnt namespace', 'private mounts', 'PID 1'],
    inContainer({ sys, state }) {
        state.requireOwnMountNamespace();
        state.requireInitIfPidNamespace();
        const run = sys.runSync([process.execPath, programs.mountProc], { timeoutMs: 10000, log: ['node', 'mountProc.js'] });
        let parsed;
        try {
            parsed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
        }
        catch {
            throw new LabError(`mounting /proc failed: ${run.stderr || run.error || 'no output'}`);
        }
        if (!parsed.ok)
            throw new LabError(parsed.error ?? 'mount proc failed');
        // the child's own mount(2), with the child's PID on it
        return { childLog: parsed.log };
    },
    run: async (ctx, params) => {
        const { log, childLog } = await inContainer(ctx, 'mount-proc', params);
        return outcome([...log, ...childLog]);
    },
});
