// mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL): mounts made from now on stay in this namespace.
// A new mount namespace copies the host's propagation: on systemd hosts "/" is shared, so without
// this a mount inside would propagate back to the host (mount_namespaces(7)).
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import type { SyscallEntry } from '../types.js';

export const makeMountsPrivate: Action = async (ctx) => {
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'makeMountsPrivate');
  return outcome(log);
};
