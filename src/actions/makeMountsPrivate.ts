// mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): mounts made from now on stay in this namespace.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { MS } from '../../native/constants.js';

// A new mount namespace copies the host's propagation: on systemd hosts "/" is shared, so without
// this a mount inside would propagate back to the host (mount_namespaces(7)).
export const makeMountsPrivate = defineAction({
  name: 'make-mounts-private',
  params: z.strictObject({}),
  doc: 'The container process calls mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL) in its own mount namespace: '
    + 'every mount in its table leaves its peer group, so mounts made inside no longer propagate to the host, nor '
    + 'the host\'s to it (mount_namespaces(7)). The mount panel shows no "shared:N" field left. The step refuses '
    + 'to run while the process is still in the host\'s mount namespace.',
  host: {
    effect: 'makes every mount private in the container\'s own mount namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('mount', 'mount_namespaces(7)')],
  needs: ['own mnt namespace'],
  provides: ['private mounts'],
  inContainer({ sys, state }) {
    state.requireOwnMountNamespace();
    sys.kernel.mount(null, '/', null, MS.REC | MS.PRIVATE, null);
    return {};
  },
  run: async (ctx, params) => {
    const { log } = await inContainer(ctx, 'make-mounts-private', params);
    return outcome(log);
  },
});
