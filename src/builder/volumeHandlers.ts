// Builder-side volume work: bind-mount a host directory into the container's root, in the
// container's mount namespace (mount(2) MS_BIND), so the host's mount table never changes.
import { existsSync, readFileSync } from 'node:fs';
import * as kernel from '../../native/kernel.js';
import { MS } from '../../native/constants.js';
import { syscallLog } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { SyscallEntry } from '../types.js';

export function volumeHandlers(guards: { requireOwnMountNamespace(): void }) {
  return {
    bindVolume({ source, target, merged }: { source: string; target: string; merged: string }): { log: SyscallEntry[] } {
      guards.requireOwnMountNamespace();
      const mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
      if (!mounts.some((m) => m.mountPoint === merged && m.fsType === 'overlay')) {
        throw new LabError(`${merged} is not an overlay mount in the container's mount namespace`, 'run the mount-overlay step first');
      }
      if (!target.startsWith(merged + '/')) throw new LabError(`${target} is not inside the container's root`);
      // The mount point is made through merged: a new directory in the container's upperdir.
      if (!existsSync(target)) kernel.mkdir(target, 0o755);
      kernel.mount(source, target, null, MS.BIND, null);
      return { log: syscallLog.drain() };
    },
  };
}
