// unshare(2): the container process leaves the host's namespaces, one flag per namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { nsName } from '../steps/params.js';
import { inContainer } from './builderCall.js';
import { LabError } from '../errors.js';
import { NS_FLAG, CLONE } from '../../native/constants.js';
export const unshare = defineAction({
    name: 'unshare',
    params: z.strictObject({ namespaces: z.array(nsName).min(1) }),
    doc: 'The container process calls unshare(2) with one CLONE_NEW* flag per listed namespace, all in one call, '
        + 'on its main thread: from then on it is in new namespaces of those kinds and the namespace panel shows its '
        + 'inodes differ from the host\'s. CLONE_NEWPID is the exception: the process itself stays where it is and '
        + 'only its next child (PID 1) enters the new PID namespace (ns/pid_for_children).',
    host: {
        effect: 'moves the lab\'s container process (root) into new {namespaces} namespaces; the host\'s own stay as they are',
        untrusted: 'allowed',
    },
    performs: [syscall('unshare')],
    provides: ['own {namespaces} namespace'],
    inContainer({ sys, state }, { namespaces }) {
        let flags = 0;
        for (const ns of namespaces) {
            const flag = NS_FLAG[ns];
            if (flag === undefined)
                throw new LabError(`unknown namespace ${ns}`);
            flags |= flag;
        }
        sys.kernel.unshare(flags);
        if (flags & CLONE.NEWNS)
            state.mntUnshared = true;
        if (flags & CLONE.NEWPID)
            state.pidUnshared = true;
        return {};
    },
    run: async (ctx, params) => {
        const { log } = await inContainer(ctx, 'unshare', params);
        const notes = params.namespaces.includes('pid')
            ? ['CLONE_NEWPID moves only the children: this process keeps its PID; its next child is PID 1 (see ns/pid_for_children).']
            : [];
        return outcome(log, notes);
    },
});
