// sethostname(2) inside the container's UTS namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
export const sethostname = defineAction({
    name: 'sethostname',
    params: z.strictObject({ name: z.string().min(1).max(64) }),
    doc: 'The container process calls sethostname(2) with the given name. The hostname belongs to the UTS '
        + 'namespace of the caller (uts_namespaces(7)), so after unshare(CLONE_NEWUTS) only the container sees the new '
        + 'name: the identity panel shows it inside while the host keeps its own.',
    host: {
        effect: 'sets the hostname {name} in the container\'s own UTS namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('sethostname')],
    needs: ['own uts namespace'],
    inContainer({ sys }, { name }) {
        sys.kernel.sethostname(name);
        return {};
    },
    run: async (ctx, params) => {
        const { log } = await inContainer(ctx, 'sethostname', params);
        return outcome(log);
    },
});
