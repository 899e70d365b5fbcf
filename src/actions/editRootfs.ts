// Changes a file in a container's merged overlay root, from inside its mount namespace.
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { requireContainer } from './layersState.js';
import type { RootfsOp } from '../builder/overlayHandlers.js';
import type { SyscallEntry } from '../types.js';

export const editRootfs: Action<{ container: string; op: RootfsOp; path: string; text?: string }> = async (ctx, { container, op, path, text }) => {
  const { merged } = requireContainer(ctx, container);
  const { log, detail } = await builderCall<{ log: SyscallEntry[]; detail: string }>(ctx, 'editRootfs', { merged, op, path, text });
  return outcome(log, [`${container}: ${detail}`]);
};
